package io.coffer.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli;
import io.coffer.cli.Cli.Result;
import io.coffer.cli.CliHarness;
import io.coffer.cli.LocalPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL node of the machine's server, through the command line: register it, list its
 * databases, back one up, restore it under another name and compare. The databases made are
 * dropped afterwards.
 */
class PostgresqlNodeEndToEndTest {

  @TempDir Path tmp;
  @RegisterExtension final LocalPostgres pg = new LocalPostgres("coffer_e2e_");
  final String copy = pg.name("_copy");
  String database;
  CliHarness cli;

  @BeforeEach
  void setUp() throws IOException, SQLException {
    database = pg.create("", "create table item (id int primary key, name text not null, price numeric(10,2))",
        "insert into item select g, 'item ' || g, g * 1.25 from generate_series(1, 20000) g");
    cli = LocalPostgres.harnessWithNode(tmp, "pg");
  }

  @Test
  void backupAndRestoreUnderAnotherName_giveTheSameRows() throws SQLException {
    assertThat(cli.ok("node", "databases", "pg").out()).contains(database).contains("NO DEFINITION");
    assertThat(cli.ok("backup", "run", "--node", "pg", "--database", database).out())
        .contains("[Done] backup 1 of node pg (" + database + ") SUCCEEDED");
    assertThat(cli.ok("backup", "contents", "1").out()).contains("public.item").contains("20000");
    assertThat(cli.ok("restore", "run", "1", "--target-node", "pg", "--target-database", copy).out())
        .contains("create database " + copy + " from " + database).contains("[Done] restore 1");
    assertThat(fingerprint(copy)).isEqualTo(fingerprint(database));
  }

  @Test
  void aDefinitionsExtraParameters_reachPgDump_andOnesThatWouldBreakTheBackupAreRefusedBeforeAnythingIsWritten()
      throws SQLException {
    pg.execute(database, "comment on table item is 'a comment the dump leaves out'");
    cli.ok("definition", "add", "--node", "pg", "--databases", database, "--extra-parameters", "--no-owner --no-comments");
    cli.ok("backup", "run", "1");
    cli.ok("backup", "run", "--node", "pg", "--database", database);
    String preData = database + "/pre-data.sql";
    String withExtra = Cli.text(cli.ok("volume", "cat", "vault", manifest(1) + ":" + preData).stdout());
    String plain = Cli.text(cli.ok("volume", "cat", "vault", manifest(2) + ":" + preData).stdout());
    assertThat(plain).as("pg_dump without extra parameters").contains("OWNER TO")
        .contains("a comment the dump leaves out");
    assertThat(withExtra).as("pg_dump with --no-owner --no-comments").contains("CREATE TABLE public.item")
        .doesNotContain("OWNER TO").doesNotContain("a comment the dump leaves out");
    cli.ok("restore", "run", "1", "--target-node", "pg", "--target-database", copy);
    assertThat(fingerprint(copy)).isEqualTo(fingerprint(database));

    Result refused = cli.run("definition", "add", "--node", "pg", "--databases", database,
        "--extra-parameters", "--no-owner --file=/tmp/elsewhere.sql");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("extra-parameters \"--file=/tmp/elsewhere.sql\" is not valid")
        .contains("accepted: --no-owner, --no-privileges");
    Result update = cli.run("definition", "update", "1", "--extra-parameters", "--snapshot=x");
    assertThat(update.code()).isEqualTo(2);
    assertThat(cli.ok("definition", "list", "--json").json()).as("nothing was added").hasSize(1);
    assertThat(cli.ok("definition", "show", "1").out()).as("nor changed").contains("--no-owner --no-comments");

    // As an older version might have written it: the run is refused and records nothing.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cli.home.resolve("catalog.db"));
        Statement s = c.createStatement()) {
      s.execute("update definition set extra_parameters = '--format=directory' where id = 1");
    }
    Result stored = cli.run("backup", "run", "1");
    assertThat(stored.code()).isEqualTo(2);
    assertThat(stored.err()).contains("definition 1 in the catalog: extra-parameters \"--format=directory\" is not"
        + " valid");
    assertThat(cli.ok("backup", "list", "--json").json()).hasSize(2);
  }

  private String manifest(int backup) {
    return cli.ok("backup", "show", Integer.toString(backup), "--json").json().path("manifest").asText();
  }

  private String fingerprint(String db) throws SQLException {
    return pg.value(db, "select count(*) || ' ' || md5(string_agg(id || name || price, ',' order by id)) from item");
  }
}
