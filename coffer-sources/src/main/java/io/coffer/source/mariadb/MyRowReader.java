package io.coffer.source.mariadb;

import io.coffer.source.ContentDigest;
import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.mariadb.MyTable.Column;
import io.coffer.source.process.Cancellation;
import io.coffer.source.mariadb.MyTable.Rendering;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the rows of a backup's members over one JDBC connection in one consistent snapshot and writes
 * each member's data sections as mariadb-dump would, instead of a mariadb-dump process whose output is
 * piped into Coffer and parsed again (measured: that process and its pipe cost more CPU than the
 * rest of the backup; see docs/benchmarks.md).
 *
 * <p>Design: {@link #plan} looks at the members' tables first and says when something is rendered in
 * a way only mariadb-dump knows (invisible columns, which need a column list; system-versioned
 * tables; engines whose data mariadb-dump skips; options that change the rows); the backup then
 * falls back to mariadb-dump for its rows. {@link #open} starts the snapshot the way {@code
 * --single-transaction} does, so every member is as of one instant. Each member's data section is
 * then written by one {@link MyRowWriter}, one table after another in name order.
 */
final class MyRowReader implements AutoCloseable {

  /** Engines whose rows mariadb-dump dumps with a plain {@code SELECT *}. */
  private static final Set<String> ENGINES = Set.of("InnoDB", "Aria", "MyISAM", "MEMORY");

  /** Options of extra_parameters that change which rows are dumped, or in what order. */
  private static final List<String> ROW_OPTIONS = List.of("--order-by-primary", "--net-buffer-length=");

  /** The session settings of mariadb-dump's header, for loading the rows; {@link #FOOTER} restores them. */
  static final String HEADER = """
      /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
      /*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
      /*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
      /*!40101 SET NAMES utf8mb4 */;
      /*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
      /*!40103 SET TIME_ZONE='+00:00' */;
      /*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
      /*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
      /*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
      /*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;
      """;

  static final String FOOTER = """

      /*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;
      /*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
      /*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
      /*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
      /*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
      /*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
      /*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
      /*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;
      """;

  /**
   * The tables of each member, or why mariadb-dump must read the rows.
   *
   * @param tables member to its base tables, in name order
   * @param refusal empty when the rows can be read here
   */
  record Plan(Map<String, List<MyTable>> tables, Optional<String> refusal) {}

  private final MyConnector connector;
  private final Connection connection;
  private final MyRowWriter writer = new MyRowWriter();

  private MyRowReader(MyConnector connector, Connection connection) {
    this.connector = connector;
    this.connection = connection;
  }

  /** Looks at the members' tables and columns through {@code c}. */
  static Plan plan(Connection c, List<String> members, List<String> extraParameters, Path dumpTool)
      throws SQLException {
    // The rows are written as mariadb-dump writes them; a verification with MySQL's mysqldump, which
    // lays them out otherwise, compares with rows of its own.
    if (!dumpTool.getFileName().toString().equals("mariadb-dump")) {
      return refused("the dump tool is " + dumpTool.getFileName());
    }
    for (String option : extraParameters) {
      for (String rowOption : ROW_OPTIONS) {
        if (option.startsWith(rowOption)) {
          return refused("extra parameter " + option);
        }
      }
    }
    Set<String> ignored = ignoredTables(extraParameters);
    Map<String, List<MyTable>> tables = new LinkedHashMap<>();
    for (String db : members) {
      tables.put(db, new ArrayList<>());
    }
    record Found(String database, String name, long averageRow) {}
    Map<String, Found> found = new LinkedHashMap<>();
    String in = String.join(",", members.stream().map(m -> "?").toList());
    Map<String, List<Column>> columns = new LinkedHashMap<>();
    try (PreparedStatement s = members(c, "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE, AVG_ROW_LENGTH"
            + " FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (" + in + ")", members);
        PreparedStatement t = members(c, "SELECT TABLE_SCHEMA, TABLE_NAME, DATA_TYPE, EXTRA, COLUMN_NAME"
            + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN (" + in + ")"
            + " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION", members)) {
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String key = r.getString(1) + "." + r.getString(2);
          String type = r.getString(3);
          if (type.equals("VIEW") || type.equals("SEQUENCE") || ignored.contains(key)) {
            continue;
          }
          if (!type.equals("BASE TABLE")) {
            return refused("table " + key + " is " + type);
          }
          if (!ENGINES.contains(r.getString(4))) {
            return refused("table " + key + " uses engine " + r.getString(4));
          }
          found.put(key, new Found(r.getString(1), r.getString(2), r.getLong(5)));
        }
      }
      try (ResultSet r = t.executeQuery()) {
        while (r.next()) {
          String key = r.getString(1) + "." + r.getString(2);
          if (!found.containsKey(key)) {
            continue;
          }
          String extra = r.getString(4);
          if (extra != null && extra.toUpperCase(Locale.ROOT).contains("INVISIBLE")) {
            return refused("table " + key + " has invisible columns");
          }
          columns.computeIfAbsent(key, k -> new ArrayList<>())
              .add(new Column(r.getString(5), Rendering.of(r.getString(3))));
        }
      }
    }
    for (Map.Entry<String, Found> e : found.entrySet()) {
      Found f = e.getValue();
      tables.get(f.database()).add(new MyTable(f.database(), f.name(), columns.get(e.getKey()), f.averageRow()));
    }
    for (List<MyTable> list : tables.values()) {
      list.sort(Comparator.comparing(MyTable::name));
    }
    return new Plan(tables, Optional.empty());
  }

  /**
   * Opens the connection the rows are read through and starts its snapshot, as {@code
   * --single-transaction} does: repeatable read, a consistent snapshot, and the session settings the
   * values are rendered in (UTC for TIMESTAMP, no SQL mode that pads or changes them).
   */
  static MyRowReader open(MyConnector connector) throws IOException {
    Connection c = connector.open(null);
    try (Statement s = c.createStatement()) {
      s.execute("SET SESSION sql_mode = '', SESSION net_write_timeout = 3600");
      s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
      return new MyRowReader(connector, c);
    } catch (SQLException e) {
      MyConnector.close(c);
      throw connector.failure(e, null);
    }
  }

  /** Writes the data sections of {@code tables} (one member's) to {@code out}; returns each table's digest. */
  Map<String, ContentDigest> write(List<MyTable> tables, OutputStream out) throws IOException {
    Map<String, ContentDigest> digests = new TreeMap<>();
    out.write(HEADER.getBytes(StandardCharsets.US_ASCII));
    for (MyTable table : tables) {
      ContentDigest digest = new ContentDigest();
      digests.put(table.name(), digest);
      try (Statement s = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        s.setFetchSize(fetchSize(table.averageRow()));
        try (ResultSet rows = s.executeQuery(table.select())) {
          writer.write(table, rows, out, digest);
        }
      } catch (SQLException e) {
        throw new SourceException(Reason.SERVER_ERROR, "MariaDB node " + connector.node().label()
            + ": reading the rows of " + table.qualified() + " failed: " + e.getMessage(), e);
      }
    }
    out.write(FOOTER.getBytes(StandardCharsets.US_ASCII));
    return digests;
  }

  /**
   * Rows the driver holds at a time: up to 64 (measured on 1.1 million short rows: 64 cost no more
   * CPU than 4096, one at a time 10% more), fewer when rows are long, so that a table of large values
   * does not fill the heap: about 256 KiB of the server's average row, at least one.
   */
  static int fetchSize(long averageRow) {
    return (int) Math.max(1, Math.min(64, (256 << 10) / Math.max(1, averageRow)));
  }

  /** Registers ending this reader's connection, even while it waits for the server, when {@code c} is cancelled. */
  Cancellation.Registration stopOn(Cancellation c) {
    return c.abortOnCancel(connection);
  }

  @Override
  public void close() {
    MyConnector.close(connection);
  }

  private static Plan refused(String why) {
    return new Plan(Map.of(), Optional.of(why));
  }

  /** The {@code DATABASE.TABLE} values of {@code --ignore-table=} options. */
  private static Set<String> ignoredTables(List<String> extraParameters) {
    Set<String> out = new HashSet<>();
    for (String option : extraParameters) {
      if (option.startsWith("--ignore-table=")) {
        out.add(option.substring("--ignore-table=".length()));
      }
    }
    return out;
  }

  /** {@code sql} with the member names bound to its placeholders, in order. */
  private static PreparedStatement members(Connection c, String sql, List<String> members) throws SQLException {
    PreparedStatement p = c.prepareStatement(sql);
    for (int i = 0; i < members.size(); i++) {
      p.setString(i + 1, members.get(i));
    }
    return p;
  }
}
