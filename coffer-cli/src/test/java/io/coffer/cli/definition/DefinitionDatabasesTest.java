package io.coffer.cli.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli;
import io.coffer.cli.CliHarness;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code definition add} asks the node for its databases: a name it does not have is refused when
 * the definition is added (not at its first run); an unreachable node is a warning; patterns show
 * what they match now.
 */
class DefinitionDatabasesTest {

  @TempDir Path tmp;
  CliHarness cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
    cli.registerBasics();
    for (String name : new String[] {"shop.db", "shop_eu.db", "crm.db"}) {
      io.coffer.engine.demo.SampleDatabase.ofSize(1, 20_000).create(cli.data.resolve(name));
    }
  }

  @Test
  void aDatabaseTheNodeDoesNotHave_isRefusedAtAdd_namingWhatItHas() {
    Cli.Result r = cli.run("definition", "add", "--node", "shop", "--databases", "shop.db,nope.db", "--cron", "0 1 * * *");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("databases \"nope.db,shop.db\" is not valid (database nope.db not on node shop)")
        .contains("crm.db, shop.db, shop_eu.db").contains("coffer node databases shop");
    assertThat(cli.ok("definition", "list").out()).doesNotContain("nope.db");
    assertThat(cli.ok("history").out()).contains("nope.db");
  }

  @Test
  void patterns_showWhatTheyMatchNow() {
    Cli.Result r = cli.ok("definition", "add", "--node", "shop", "--databases", "shop*.db", "--cron", "0 1 * * *");
    assertThat(r.out()).contains("shop*.db matches now: shop.db, shop_eu.db (expanded again at every run).");
    Cli.Result none = cli.ok("definition", "add", "--node", "shop", "--databases", "hr_*", "--cron", "0 2 * * *");
    assertThat(none.out()).contains("hr_* matches now: nothing");
  }

  @Test
  void aNodeThatCannotBeAsked_isAWarning_notARefusal() {
    cli.ok("node", "update", "shop", "--status", "DOWN");
    Cli.Result down = cli.ok("definition", "add", "--node", "shop", "--databases", "later.db", "--cron", "0 1 * * *");
    assertThat(down.err()).contains("coffer: warning: the databases were not checked on node shop (node shop is DOWN)");
    // A PostgreSQL node on a port where nothing listens.
    cli.ok("node", "add", "far", "--engine", "postgresql", "--host", "127.0.0.1", "--port", "1");
    Cli.Result far = cli.ok("definition", "add", "--node", "far", "--databases", "sales", "--cron", "0 1 * * *");
    assertThat(far.err()).contains("coffer: warning: the databases were not checked on node far");
    assertThat(cli.ok("definition", "list").out()).contains("later.db").contains("sales");
  }

  @Test
  void aOneoffForADatabaseTheNodeDoesNotHave_isRefusedAtAdd_andItsPatternsShowWhatTheyMatch() {
    Cli.Result r = cli.run("oneoff", "add", "--node", "shop", "--databases", "nope.db", "--at", "2030-01-01T02:00:00Z");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("database nope.db not on node shop").contains("crm.db, shop.db, shop_eu.db");
    assertThat(cli.ok("oneoff", "list").out()).doesNotContain("nope.db");
    Cli.Result pattern = cli.ok("oneoff", "add", "--node", "shop", "--databases", "shop*.db", "--at",
        "2030-01-01T02:00:00Z");
    assertThat(pattern.out()).contains("shop*.db matches now: shop.db, shop_eu.db (expanded again at every run).");
  }
}
