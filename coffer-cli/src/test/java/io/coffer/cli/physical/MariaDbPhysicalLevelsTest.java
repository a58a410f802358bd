package io.coffer.cli.physical;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.cli.Cli.Result;
import io.coffer.cli.CliHarness;
import io.coffer.testing.Await;
import io.coffer.testing.ThrowawayMariaDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MariaDB PHYSICAL levels through the CLI, on a server of the test's own: level 0, changes, level 1
 * (an increment on 0: only the changed InnoDB pages, a fraction of level 0's stream), more changes,
 * level 2 (an increment on 1); a restore of level 2 serves exactly the data after the second
 * changes, one of level 1 the data after the first; verification restores the chain; a chain with a
 * backup missing from the volume is refused and writes nothing; a level whose parent is in another
 * volume is a full copy, and its log says so.
 */
class MariaDbPhysicalLevelsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** A digest of both tables' contents: the same rows give the same line on any server. */
  private static final String CONTENTS = "SELECT (SELECT CONCAT(count(*), ':', sum(crc32(concat(id, '/', v))))"
      + " FROM shop.items), (SELECT group_concat(k, '=', v ORDER BY k) FROM shop.settings)";
  private static ThrowawayMariaDb server;
  @TempDir Path tmp;
  CliHarness cli;

  @BeforeAll
  static void startServer() throws Exception {
    server = new ThrowawayMariaDb();
    sql("CREATE DATABASE shop", "USE shop", "CREATE TABLE shop.items (id int PRIMARY KEY, v varchar(250)) ENGINE=InnoDB",
        "INSERT INTO shop.items SELECT seq, repeat(char(65 + seq % 26), 200) FROM seq_1_to_40000",
        "CREATE TABLE shop.settings (k varchar(20) PRIMARY KEY, v text) ENGINE=Aria",
        "INSERT INTO shop.settings VALUES ('currency', 'EUR')");
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void setUp() throws IOException {
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    cli = new CliHarness(tmp);
    cli.registerBasics();
    cli.ok("node", "add", "maria", "--engine", "mariadb", "--host", "127.0.0.1", "--port",
        Integer.toString(server.port()));
    cli.ok("definition", "add", "--node", "maria", "--kind", "PHYSICAL", "--cron", "0 1 * * *");
  }

  @Test
  void levels_streamOnlyChangedPages_andEachRestoresOnItsChainToItsOwnData() throws Exception {
    checkpoint();
    JsonNode full = run();
    assertThat(full.path("level").asInt()).isZero();
    sql("UPDATE shop.items SET v = 'first' WHERE id <= 20", "INSERT INTO shop.items VALUES (50001, 'new')",
        "INSERT INTO shop.settings VALUES ('tax', '19')");
    String afterFirst = contents(server.url("shop"));
    JsonNode increment = run("--level", "1");
    sql("UPDATE shop.items SET v = 'second' WHERE id BETWEEN 30000 AND 30010", "DELETE FROM shop.items WHERE id = 7",
        "UPDATE shop.settings SET v = '7' WHERE k = 'tax'");
    String afterSecond = contents(server.url("shop"));
    assertThat(afterSecond).isNotEqualTo(afterFirst);
    assertThat(run("--level", "2").path("level").asInt()).isEqualTo(2);

    assertThat(show(2).path("parent-backup").asText()).isEqualTo("1");
    assertThat(show(3).path("parent-backup").asText()).isEqualTo("2");
    assertThat(increment.path("bytes-read").asLong()).as("level 1's stream against level 0's (%d bytes)",
        full.path("bytes-read").asLong()).isLessThan(full.path("bytes-read").asLong() / 2);
    assertThat(cli.ok("backup", "show", "3").out()).contains("Increment on").contains("backup 2");
    assertThat(cli.ok("backup", "contents", "2").out()).containsPattern("increment on backup 1 from LSN \\d+ to \\d+");

    Path two = tmp.resolve("level2");
    assertThat(cli.ok("restore", "run", "3", "--target-dir", two.toString()).out()).contains("[Done]");
    String restoredTwo = RestoredMariaDb.query(two, MariaDbPhysicalLevelsTest::contents);
    assertThat(restoredTwo).isEqualTo(afterSecond);
    Path one = tmp.resolve("level1");
    cli.ok("restore", "run", "2", "--target-dir", one.toString());
    String restoredOne = RestoredMariaDb.query(one, MariaDbPhysicalLevelsTest::contents);
    assertThat(restoredOne).isEqualTo(afterFirst);
    try (var left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).as("scratch directories of the increments")
          .noneMatch(name -> name.contains(".increment-"));
    }
    assertThat(cli.ok("backup", "verify", "3").out()).contains("[PASSED]").contains("2 tables");

    Result path = cli.run("restore", "run", "3", "--target-dir", tmp.resolve("part").toString(), "--path", "shop");
    assertThat(path.code()).isEqualTo(2);
    assertThat(path.err()).contains("--path").contains("restores whole");
    Result occupied = cli.run("restore", "run", "3", "--target-dir", two.toString());
    assertThat(occupied.code()).isEqualTo(2);
    assertThat(occupied.err()).contains("target-dir").contains("not empty");

    Files.delete(tmp.resolve("volume").resolve("backups").resolve(increment.path("manifest").asText()));
    Path broken = tmp.resolve("broken");
    Result refused = cli.run("restore", "run", "3", "--target-dir", broken.toString());
    assertThat(refused.code()).isNotZero();
    assertThat(refused.err()).contains("backup 3 is an increment on backup 2").contains("no longer holds")
        .contains("nothing was written");
    assertThat(broken).doesNotExist();
  }

  @Test
  void aLevelWhoseParentIsInAnotherVolume_isAFullCopy_andItsLogSaysSo() throws Exception {
    cli.ok("backup", "run", "--node", "maria", "--kind", "PHYSICAL");
    cli.ok("volume", "init", tmp.resolve("other").toString());
    cli.ok("volume", "add", "other", tmp.resolve("other").toString());
    cli.ok("backup", "run", "--node", "maria", "--kind", "PHYSICAL", "--level", "1", "--volume", "other");
    String shown = cli.ok("backup", "show", "2").out();
    assertThat(shown).contains("parent backup 1 is not in volume other; every file is read (a full copy)")
        .contains("mariadb-backup: InnoDB copied").doesNotContain("Increment on");
  }

  /** Makes InnoDB checkpoint now, so that level 0's LSN is recent and level 1 reads only what changes after it. */
  private static void checkpoint() throws Exception {
    sql("SET GLOBAL innodb_max_dirty_pages_pct = 0");
    try {
      Await.until("an InnoDB checkpoint", () -> status("Innodb_checkpoint_age") < 4096);
    } finally {
      sql("SET GLOBAL innodb_max_dirty_pages_pct = DEFAULT");
    }
  }

  /** {@code backup run 1} with {@code more} arguments; its JSON, after checking that it SUCCEEDED. */
  private JsonNode run(String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("backup", "run", "1", "--json"));
    args.addAll(List.of(more));
    JsonNode result = JSON.readTree(cli.ok(args.toArray(String[]::new)).out());
    assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("SUCCEEDED");
    assertThat(result.path("kind").asText()).isEqualTo("PHYSICAL");
    return result;
  }

  private JsonNode show(long backup) throws IOException {
    return JSON.readTree(cli.ok("backup", "show", Long.toString(backup), "--json").out());
  }

  private static String contents(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "root", "")) {
      return contents(c);
    }
  }

  private static String contents(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(CONTENTS)) {
      r.next();
      return r.getString(1) + " | " + r.getString(2);
    }
  }

  private static long status(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(server.url(""), "root", "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'")) {
      r.next();
      return r.getLong(2);
    }
  }

  private static void sql(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(server.url(""), "root", "");
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }
}
