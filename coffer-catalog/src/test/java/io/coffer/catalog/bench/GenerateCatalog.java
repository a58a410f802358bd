package io.coffer.catalog.bench;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a generated SQLite catalog ({@link BenchCatalogGenerator}: {@code --nodes} nodes ×
 * {@code --definitions} definitions, {@code --backups} backups) to {@code --out FILE}, for benchmarks
 * of the layers above the catalog (bench/api-bench.sh).
 */
public final class GenerateCatalog {

  private GenerateCatalog() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(argument(args, "--out", "catalog.db"));
    int nodes = Integer.parseInt(argument(args, "--nodes", "1000"));
    int definitions = Integer.parseInt(argument(args, "--definitions", "10"));
    int backups = Integer.parseInt(argument(args, "--backups", "1000000"));
    long seed = Long.parseLong(argument(args, "--seed", "42"));
    TestDatabase.Instance instance = TestDatabase.SQLITE.create();
    try {
      long started = System.nanoTime();
      try (Catalog catalog = Catalog.open(instance.settings())) {
        new BenchCatalogGenerator(seed).generate(catalog, instance, nodes, definitions, backups);
      }
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.copy(instance.settings().sqliteFile().orElseThrow(), out, StandardCopyOption.REPLACE_EXISTING);
      System.out.printf("generated %d nodes, %d definitions, %d backups into %s in %.0f s%n", nodes,
          nodes * definitions, backups, out, (System.nanoTime() - started) / 1e9);
    } finally {
      instance.drop();
    }
  }

  private static String argument(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
