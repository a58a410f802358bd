package io.coffer.engine.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates the demo's shop database: customers, products, orders and order items, related by
 * foreign keys, with realistic text. The same seed and size give the same rows.
 *
 * <p>Sizes scale with the requested bytes; at 50 MB there are about 52,000 customers, 5,200
 * products, 208,000 orders and 520,000 order items.
 */
public final class SampleDatabase {

  private static final List<String> FIRST = List.of("Ada", "Bjørn", "Chloé", "Dmitri", "Elena", "Farid", "Grace",
      "Hiroshi", "Ingrid", "José", "Kwame", "Lena", "Marta", "Nils", "Olga", "Pedro", "Quinn", "Rosa", "Sven", "Tara",
      "Ugo", "Vera", "Wei", "Ximena", "Yusuf", "Zoë");
  private static final List<String> LAST = List.of("Andersen", "Berg", "Costa", "Dubois", "Eriksen", "Fischer",
      "García", "Hansen", "Ivanova", "Jensen", "Kowalski", "Larsen", "Müller", "Nakamura", "Olsen", "Petrov",
      "Quispe", "Rossi", "Silva", "Tanaka", "Urban", "Virtanen", "Weber", "Xu", "Yilmaz", "Zimmermann");
  private static final List<String> CITIES = List.of("Oslo", "Bergen", "Lisboa", "Lyon", "Kraków", "Osaka", "Accra",
      "Quito", "Turku", "Izmir", "Hamburg", "Porto", "Aarhus", "Sevilla", "Gdańsk", "Sendai");
  private static final List<String> WORDS = List.of("sturdy", "oak", "linen", "ceramic", "blue", "walnut", "copper",
      "handmade", "large", "small", "organic", "wool", "glass", "steel", "folding", "classic", "vintage", "bright",
      "table", "lamp", "chair", "bowl", "mug", "rug", "shelf", "vase", "basket", "blanket", "candle", "frame");
  private static final List<String> NOTES = List.of("leave at the door", "ring twice", "gift wrap please",
      "call before delivery", "fragile", "deliver after 5pm", "", "", "", "");

  /** Rows per 50 MB: tuned so that the file comes out near the requested size. */
  private static final double CUSTOMERS_PER_BYTE = 52_000 / 50e6;

  private final long seed;
  private final int customers;
  private final int products;
  private final int orders;

  private SampleDatabase(long seed, int customers) {
    this.seed = seed;
    this.customers = customers;
    this.products = Math.max(50, customers / 10);
    this.orders = customers * 4;
  }

  /** A shop whose database file is about {@code bytes} large. */
  public static SampleDatabase ofSize(long seed, long bytes) {
    return new SampleDatabase(seed, Math.max(200, (int) (bytes * CUSTOMERS_PER_BYTE)));
  }

  public int orders() {
    return orders;
  }

  /** Writes the database to {@code file}, which must not exist. */
  public void create(Path file) throws IOException {
    if (Files.exists(file)) {
      throw new IOException(file + " exists; the sample database is only written to a new file");
    }
    SplittableRandom random = new SplittableRandom(seed);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("create table customer (id integer primary key, name text not null, email text not null unique,"
            + " city text not null, created_at text not null, notes text not null)");
        s.execute("create table product (id integer primary key, sku text not null unique, name text not null,"
            + " price_cents integer not null, description text not null)");
        s.execute("create table orders (id integer primary key, customer_id integer not null references customer (id),"
            + " ordered_at text not null, status text not null, shipped_at text, total_cents integer not null,"
            + " shipping_address text not null, notes text not null)");
        s.execute("create table order_item (order_id integer not null references orders (id), line integer not null,"
            + " product_id integer not null references product (id), quantity integer not null,"
            + " price_cents integer not null, primary key (order_id, line))");
        s.execute("create index orders_customer on orders (customer_id)");
      }
      c.setAutoCommit(false);
      insertCustomers(c, random);
      insertProducts(c, random);
      insertOrders(c, random);
      c.commit();
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
    } catch (SQLException e) {
      throw new IOException("cannot create the sample database " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A day of business: the newest orders are shipped (their status and shipping time change), as
   * many as {@code fraction} of all rows of the database. Returns the number of rows changed.
   */
  public int ship(Path file, double fraction) throws IOException {
    String now = Instant.parse("2026-11-23T09:00:00Z").toString();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      long rows;
      try (Statement s = c.createStatement(); var r = s.executeQuery("select (select count(*) from customer)"
          + " + (select count(*) from product) + (select count(*) from orders) + (select count(*) from order_item)")) {
        r.next();
        rows = r.getLong(1);
      }
      int shipped = (int) Math.min(orders, Math.max(1, Math.round(rows * fraction)));
      c.setAutoCommit(false);
      int changed;
      try (PreparedStatement update = c.prepareStatement(
          "update orders set status = 'SHIPPED', shipped_at = ? where id > ?")) {
        update.setString(1, now);
        update.setInt(2, orders - shipped);
        changed = update.executeUpdate();
      }
      c.commit();
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
      return changed;
    } catch (SQLException e) {
      throw new IOException("cannot change the sample database " + file + ": " + e.getMessage(), e);
    }
  }

  private void insertCustomers(Connection c, SplittableRandom random) throws SQLException {
    Instant start = Instant.parse("2020-01-01T00:00:00Z");
    try (PreparedStatement insert = c.prepareStatement("insert into customer values (?, ?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= customers; id++) {
        String first = pick(random, FIRST);
        String last = pick(random, LAST);
        insert.setInt(1, id);
        insert.setString(2, first + " " + last);
        insert.setString(3, (first + "." + last + id).toLowerCase() + "@example.org");
        insert.setString(4, pick(random, CITIES));
        insert.setString(5, start.plus(random.nextInt(1_500), ChronoUnit.DAYS).toString());
        insert.setString(6, sentence(random, 4 + random.nextInt(12)));
        insert.addBatch();
        if (id % 5_000 == 0) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
    }
  }

  private void insertProducts(Connection c, SplittableRandom random) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("insert into product values (?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= products; id++) {
        insert.setInt(1, id);
        insert.setString(2, String.format("SKU-%06d", id));
        insert.setString(3, pick(random, WORDS) + " " + pick(random, WORDS) + " " + pick(random, WORDS));
        insert.setInt(4, 199 + random.nextInt(50_000));
        insert.setString(5, sentence(random, 20 + random.nextInt(40)));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private void insertOrders(Connection c, SplittableRandom random) throws SQLException {
    Instant start = Instant.parse("2021-01-01T00:00:00Z");
    long span = ChronoUnit.SECONDS.between(start, Instant.parse("2026-11-22T00:00:00Z"));
    try (PreparedStatement order = c.prepareStatement("insert into orders values (?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement item = c.prepareStatement("insert into order_item values (?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= orders; id++) {
        int lines = 1 + random.nextInt(4);
        long total = 0;
        for (int line = 1; line <= lines; line++) {
          int quantity = 1 + random.nextInt(5);
          int price = 199 + random.nextInt(50_000);
          total += (long) quantity * price;
          item.setInt(1, id);
          item.setInt(2, line);
          item.setInt(3, 1 + random.nextInt(products));
          item.setInt(4, quantity);
          item.setInt(5, price);
          item.addBatch();
        }
        order.setInt(1, id);
        order.setInt(2, 1 + random.nextInt(customers));
        // Orders come in time order, so the newest orders are the ones with the highest ids.
        order.setString(3, start.plusSeconds(span * id / orders).toString());
        order.setString(4, id > orders - orders / 20 ? "PAID" : "DELIVERED");
        order.setString(5, null);
        order.setLong(6, total);
        order.setString(7, random.nextInt(1_000) + " " + pick(random, LAST) + " Street, " + pick(random, CITIES));
        order.setString(8, pick(random, NOTES));
        order.addBatch();
        if (id % 5_000 == 0) {
          order.executeBatch();
          item.executeBatch();
        }
      }
      order.executeBatch();
      item.executeBatch();
    }
  }

  private static String sentence(SplittableRandom random, int words) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        text.append(' ');
      }
      text.append(pick(random, WORDS));
    }
    return text.toString();
  }

  private static <T> T pick(SplittableRandom random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
