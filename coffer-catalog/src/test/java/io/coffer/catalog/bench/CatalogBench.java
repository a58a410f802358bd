package io.coffer.catalog.bench;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.backup.StatsScope;
import io.coffer.catalog.definition.DefinitionFilter;
import io.coffer.catalog.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Generates a catalog of {@code --nodes} nodes × {@code --definitions} definitions and {@code
 * --backups} backups on SQLite and on PostgreSQL (a temporary file and schema, dropped afterwards)
 * and times, through the catalog API, the three queries issue 3 sets targets for:
 * {@code backup list --node X} (the newest 100), {@code stats}, and {@code definition list}.
 * Prints a Markdown table of median, 95th percentile and worst time per query.
 */
public final class CatalogBench {

  private static final int WARMUP = 20;
  private static final int RUNS = 200;

  private CatalogBench() {}

  public static void main(String[] args) throws Exception {
    int nodes = intArgument(args, "--nodes", 1000);
    int definitions = intArgument(args, "--definitions", 10);
    int backups = intArgument(args, "--backups", 1_000_000);
    long seed = intArgument(args, "--seed", 42);
    List<TestDatabase> databases = stringArgument(args, "--dialect", "both").equals("both")
        ? List.of(TestDatabase.values())
        : List.of(TestDatabase.valueOf(stringArgument(args, "--dialect", "").toUpperCase(Locale.ROOT)));
    System.out.printf("catalog bench: %d nodes x %d definitions, %d backups, seed %d%n", nodes, definitions, backups, seed);
    List<String> rows = new ArrayList<>();
    for (TestDatabase database : databases) {
      TestDatabase.Instance instance = database.create();
      try (Catalog catalog = Catalog.open(instance.settings())) {
        long started = System.nanoTime();
        new BenchCatalogGenerator(seed).generate(catalog, instance, nodes, definitions, backups);
        analyze(instance);
        System.out.printf("%s: generated in %.0f s%n", database, (System.nanoTime() - started) / 1e9);
        rows.addAll(measure(database, catalog, nodes, new Random(seed)));
      } finally {
        instance.drop();
      }
    }
    System.out.println();
    System.out.println("| catalog | query | target | median | p95 | worst |");
    System.out.println("|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
  }

  private static List<String> measure(TestDatabase database, Catalog catalog, int nodes, Random random) {
    List<String> rows = new ArrayList<>();
    rows.add(time(database, "backup list --node X (newest 100)", 50, run -> {
      int size = catalog.backups().list(BackupFilter.newest().node("node" + random.nextInt(nodes)).limit(100)).size();
      check(size == 100, "backup list returned " + size);
    }));
    rows.add(time(database, "stats (all backups)", 500, run -> catalog.backups().stats(StatsScope.global())));
    rows.add(time(database, "stats --node X", 500,
        run -> catalog.backups().stats(StatsScope.node("node" + random.nextInt(nodes)))));
    rows.add(time(database, "stats --agent A", 500,
        run -> catalog.backups().stats(StatsScope.agent("agent" + random.nextInt(BenchCatalogGenerator.AGENTS)))));
    rows.add(time(database, "definition list (all)", 100,
        run -> catalog.definitions().list(DefinitionFilter.all())));
    rows.add(time(database, "definition list --node X", 100,
        run -> catalog.definitions().list(DefinitionFilter.all().node("node" + random.nextInt(nodes)))));
    return rows;
  }

  private static String time(TestDatabase database, String query, long targetMillis, IntConsumer work) {
    for (int i = 0; i < WARMUP; i++) {
      work.accept(i);
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      work.accept(i);
      millis.add((System.nanoTime() - start) / 1e6);
    }
    Collections.sort(millis);
    double median = millis.get(RUNS / 2);
    double p95 = millis.get((int) Math.ceil(RUNS * 0.95) - 1);
    double worst = millis.get(RUNS - 1);
    String row = String.format(Locale.ROOT, "| %s | %s | < %d ms | %.1f ms | %.1f ms | %.1f ms |",
        database.name().toLowerCase(Locale.ROOT), query, targetMillis, median, p95, worst);
    System.out.println(row + (p95 < targetMillis ? "" : "  <-- p95 over target"));
    return row;
  }

  /**
   * PostgreSQL's autovacuum would analyse and vacuum the freshly loaded table in its own time;
   * doing it now measures the steady state rather than the minutes after a bulk load. SQLite is
   * left as the catalog leaves it.
   */
  private static void analyze(TestDatabase.Instance instance) throws Exception {
    if (instance.database() != TestDatabase.POSTGRESQL) {
      return;
    }
    try (Connection connection = instance.connect(); Statement statement = connection.createStatement()) {
      statement.execute("vacuum analyze");
    }
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  private static int intArgument(String[] args, String name, int fallback) {
    String value = stringArgument(args, name, null);
    return value == null ? fallback : Integer.parseInt(value);
  }

  private static String stringArgument(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
