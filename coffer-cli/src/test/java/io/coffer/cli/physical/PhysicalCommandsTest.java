package io.coffer.cli.physical;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli.Result;
import io.coffer.cli.CliHarness;
import io.coffer.testing.ThrowawayPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PHYSICAL backups of PostgreSQL through the CLI, in-process, of a throwaway cluster of the installed
 * PostgreSQL into a real volume: a definition of kind PHYSICAL, a level 0 and a level 1 backup, their
 * contents, and restores into new data directories that a server started on them serves with the
 * rows each backup held.
 */
class PhysicalCommandsTest {

  private static ThrowawayPostgres cluster;
  @TempDir Path tmp;
  CliHarness cli;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new ThrowawayPostgres(ThrowawayPostgres.newestInstalled());
    sql(cluster.port(), "CREATE TABLE orders (id int PRIMARY KEY, note text)",
        "INSERT INTO orders SELECT g, md5(g::text) FROM generate_series(1, 5000) g",
        "CREATE TABLE untouched AS SELECT g AS id FROM generate_series(1, 20000) g", "CHECKPOINT");
  }

  @AfterAll
  static void removeCluster() throws Exception {
    cluster.close();
  }

  @BeforeEach
  void setUp() throws IOException {
    cli = CopyOfACluster.harness(tmp, cluster.port());
  }

  @Test
  void definitionOfKindPhysical_backsUpLevels_andEachRestoresIntoADataDirectoryThatStarts() throws Exception {
    Result added = cli.ok("definition", "add", "--node", "pg", "--kind", "PHYSICAL", "--level-plan", "0,1", "--cron",
        "0 1 * * *");
    assertThat(added.out()).contains("[Done] definition 1 of node pg databases #all_databases#");
    assertThat(cli.ok("backup", "run", "1").out()).contains("SUCCEEDED: PHYSICAL level 0");

    sql(cluster.port(), "INSERT INTO orders SELECT g, 'after level 0' FROM generate_series(5001, 5100) g");
    Result level1 = cli.ok("backup", "run", "1");
    assertThat(level1.out()).contains("SUCCEEDED: PHYSICAL level 1");
    assertThat(cli.ok("backup", "show", "2").out()).containsPattern("Log range +[0-9A-F]+/[0-9A-F]+ to ")
        .containsPattern("Files +\\d+ \\(.*\\), [1-9]\\d* unchanged since the parent backup and not read");

    String contents = cli.ok("backup", "contents", "2").out();
    assertThat(contents).containsPattern("(?m) PG_VERSION$").containsPattern("(?m) base/$")
        .containsPattern("(?m)^pg_wal/[0-9A-F]{24} ").containsPattern("(?m)^backup_label ")
        .doesNotContain("postmaster.pid");

    Result verify = cli.ok("backup", "verify", "2");
    assertThat(verify.out()).contains("[PASSED]").contains("2 tables, 25100 rows");

    Path first = tmp.resolve("level0");
    Result restored = cli.ok("restore", "run", "1", "--target-dir", first.toString());
    assertThat(restored.out()).contains("[Done] restore 1 of backup 1");
    assertThat(first.resolve("backup_label")).exists();
    assertThat(CopyOfACluster.count(cluster.bin(), first, "orders", "untouched")).containsExactly("5000", "20000");

    Path second = tmp.resolve("level1");
    cli.ok("restore", "run", "2", "--target-dir", second.toString());
    assertThat(CopyOfACluster.count(cluster.bin(), second, "orders", "untouched")).containsExactly("5100", "20000");
  }

  @Test
  void badInput_isRefusedNamingTheField_andNothingIsWritten() throws IOException {
    Result databases = cli.run("definition", "add", "--node", "pg", "--kind", "PHYSICAL", "--databases", "postgres",
        "--cron", "0 1 * * *");
    assertThat(databases.code()).isEqualTo(2);
    assertThat(databases.err()).contains("databases").contains("a PHYSICAL definition copies the node's whole data"
        + " directory");

    Path sqlite = Files.createDirectories(tmp.resolve("lite"));
    cli.ok("node", "add", "lite", "--engine", "sqlite", "--data-directory", sqlite.toString());
    Result sqliteKind = cli.run("definition", "add", "--node", "lite", "--kind", "PHYSICAL", "--cron", "0 1 * * *");
    assertThat(sqliteKind.code()).isEqualTo(2);
    assertThat(sqliteKind.err()).contains("kind").contains("PHYSICAL").contains("FILES");

    assertThat(cli.ok("backup", "run", "--node", "pg", "--kind", "PHYSICAL").out())
        .contains("SUCCEEDED: PHYSICAL level 0");
    Path target = Files.createDirectories(tmp.resolve("occupied"));
    Files.writeString(target.resolve("keep.txt"), "mine");
    Result occupied = cli.run("restore", "run", "1", "--target-dir", target.toString());
    assertThat(occupied.code()).isEqualTo(2);
    assertThat(occupied.err()).contains("target-dir").contains("not empty");
    Result forced = cli.run("restore", "run", "1", "--target-dir", target.toString(), "--force");
    assertThat(forced.code()).isEqualTo(2);
    assertThat(forced.err()).contains("a PHYSICAL backup restores only into a new data directory");
    Result part = cli.run("restore", "run", "1", "--target-dir", tmp.resolve("part").toString(), "--path", "base");
    assertThat(part.code()).isEqualTo(2);
    assertThat(part.err()).contains("path").contains("a PHYSICAL backup restores whole");
    assertThat(tmp.resolve("part")).doesNotExist();
    try (var listing = Files.list(target)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("keep.txt");
    }
  }

  private static void sql(int port, String... statements) throws SQLException {
    CopyOfACluster.sql(port, statements);
  }
}
