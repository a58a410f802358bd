package io.coffer.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli.Result;
import io.coffer.cli.CliHarness;
import io.coffer.cli.LocalPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup verify} against the machine's PostgreSQL server: a group of two small databases is
 * backed up, verified (passes), then its catalog record is changed and the verification fails
 * naming the table. The scratch databases are gone after every verification.
 */
class PostgresqlVerifyTest {

  @TempDir Path tmp;
  @RegisterExtension final LocalPostgres pg = new LocalPostgres("coffer_v_");
  String sales;
  String crm;
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    sales = pg.create("_sales", "create table item (id int primary key, name text not null, price numeric(10,2))",
        "insert into item select g, 'item ' || g, g * 1.25 from generate_series(1, 5000) g",
        // with bytea: a table whose rows travel in binary COPY, verified in that form
        "create table note (id int primary key, body text, scan bytea)",
        "insert into note select g, md5(g::text), decode(md5(g::text), 'hex') from generate_series(1, 300) g");
    crm = pg.create("_crm", "create table customer (id int primary key, email text)",
        "insert into customer select g, 'c' || g || '@example.org' from generate_series(1, 700) g");
    cli = LocalPostgres.harnessWithNode(tmp, "pg");
  }

  @Test
  void aGroupBackup_verifies_thenFailsOnceItsRecordIsChanged_leavingNoScratchDatabase() throws Exception {
    cli.ok("backup", "run", "--node", "pg", "--database", crm + "," + sales);
    long id = 1;
    assertThat(cli.ok("backup", "contents", "1").out()).containsPattern("public\\.note +300 +\\w{16} +binary")
        .containsPattern("public\\.item +5000 +\\w{16}\\s*\n");

    Result passed = cli.ok("backup", "verify", String.valueOf(id));
    assertThat(passed.out()).contains("[PASSED] verification 1 of backup 1 on node pg: 3 tables, 6000 rows compared")
        .containsPattern("coffer_verify_1_(\\w{8}_\\w{6})_1, coffer_verify_1_\\1_2");
    assertThat(scratchDatabases()).isEmpty();

    String table = CatalogReports.addARow(cli.home.resolve("catalog.db"), id);
    Result failed = cli.run("backup", "verify", String.valueOf(id), "--json");
    assertThat(failed.code()).as(failed.err()).isEqualTo(3);
    assertThat(failed.json().get("status").asText()).isEqualTo("FAILED");
    assertThat(failed.json().get("differences").get(0).asText()).contains("table " + table + " has ")
        .contains("(as the catalog recorded it)");
    assertThat(scratchDatabases()).isEmpty();

    String show = cli.ok("backup", "show", "1").out();
    assertThat(show).contains("Verified").contains("FAILED").contains("table " + table);
  }

  @Test
  void aSchemaBackup_isVerifiedByLoadingItsSchema() throws Exception {
    cli.ok("backup", "run", "--node", "pg", "--database", sales, "--kind", "SCHEMA");

    Result passed = cli.ok("backup", "verify", "1");

    assertThat(passed.out()).contains("[PASSED]").contains("schema only").contains("2 tables restored");
    assertThat(scratchDatabases()).isEmpty();
  }

  @Test
  void aNodeOfAnotherEngine_isRefused() {
    cli.ok("backup", "run", "--node", "pg", "--database", sales);

    Result refused = cli.run("backup", "verify", "1", "--on-node", "shop");

    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("on-node").contains("\"shop\"").contains("postgresql");
    assertThat(cli.ok("backup", "show", "1").out()).contains("never");
  }

  /** This catalog's scratch databases of backup 1 on the shared server (other catalogs' are not ours to see). */
  private List<String> scratchDatabases() throws Exception {
    String identity = CatalogReports.identity(cli.home.resolve("catalog.db"));
    return pg.column("postgres", "select datname from pg_database where datname like 'coffer\\_verify\\_1\\_"
        + identity + "%'");
  }
}
