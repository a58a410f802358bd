package io.coffer.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.coffer.catalog.Catalog;
import io.coffer.catalog.testing.TestDatabase;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MigrationsTest {

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void latest_isTheNewestMigrationFile_ofEachDialect(TestDatabase database) throws Exception {
    String folder = database == TestDatabase.SQLITE ? "sqlite" : "postgresql";
    URL url = Migrations.class.getClassLoader().getResource("db/migration/" + folder);
    List<String> versions;
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      versions = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V[0-9_]+__.*\\.sql"))
          .map(n -> n.substring(1, n.indexOf("__")).replace('_', '.')).toList();
    }
    String newest = versions.stream().max(Comparator.comparing(MigrationsTest::numeric)).orElseThrow();
    assertThat(Migrations.LATEST).as("Migrations.LATEST against the files of " + folder).isEqualTo(newest);
  }

  /**
   * A catalog at the latest version skips Flyway; one whose history says otherwise goes through it
   * again, and Flyway (not the shortcut) has the last word.
   */
  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aCurrentCatalog_isRecognised_andAnyOtherStateGoesToFlyway(TestDatabase database) throws Exception {
    TestDatabase.Instance instance = database.create();
    try (HikariDataSource pool = ConnectionPool.open(instance.settings())) {
      assertThat(Migrations.isCurrent(pool, instance.settings())).as("an empty database").isFalse();
      Catalog.open(instance.settings()).close();
      assertThat(Migrations.isCurrent(pool, instance.settings())).as("after the first open").isTrue();

      String table = instance.settings().schema().map(s -> s + ".").orElse("") + Migrations.HISTORY_TABLE;
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("update " + table + " set version = '1.3.9' where version = '" + Migrations.LATEST + "'");
      }
      assertThat(Migrations.isCurrent(pool, instance.settings())).as("history at another version").isFalse();
      // Flyway now sees an applied migration it does not know and refuses, as it always did.
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Catalog.open(instance.settings()))
          .hasMessageContaining("cannot migrate");
    } finally {
      instance.drop();
    }
  }

  private static String numeric(String version) {
    StringBuilder key = new StringBuilder();
    for (String part : version.split("\\.")) {
      key.append(String.format("%06d", Integer.parseInt(part)));
    }
    return String.format("%-30s", key).replace(' ', '0');
  }
}
