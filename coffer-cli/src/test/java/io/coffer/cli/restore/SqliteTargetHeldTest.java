package io.coffer.cli.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli;
import io.coffer.cli.CliHarness;
import io.coffer.engine.demo.SampleDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore that would move an SQLite target aside while another process has it open is refused
 * before anything is written, naming the process (on Linux, through /proc): the process would go
 * on writing to the old file unseen. Nothing is left behind.
 */
class SqliteTargetHeldTest {

  @TempDir Path tmp;

  @Test
  void aTargetAnotherProcessHolds_isRefusedNamingIt_andNothingIsLeftBehind() throws Exception {
    CliHarness cli = new CliHarness(tmp);
    cli.registerBasics();
    Path shop = cli.data.resolve("shop.db");
    SampleDatabase.ofSize(1, 100_000).create(shop);
    cli.ok("backup", "run", "--node", "shop", "--database", "shop.db");
    byte[] before = Files.readAllBytes(shop);

    // A process that holds the file open (as an application's connection would) until it is ended.
    Process holder = new ProcessBuilder("sleep", "600").redirectInput(shop.toFile()).start();
    try {
      Cli.Result refused = cli.run("restore", "run", "1", "--target-node", "shop", "--target-database", "shop.db",
          "--rename-existing");
      assertThat(refused.code()).as(refused.out() + refused.err()).isNotZero();
      assertThat(refused.err()).contains("database shop.db on shop is held open by 1 process: pid " + holder.pid())
          .contains("application sleep").contains("stop it first");
      assertThat(Files.readAllBytes(shop)).isEqualTo(before);
      try (Stream<Path> files = Files.list(cli.data)) {
        // shop.db and its -wal/-shm as SQLite keeps them: no staging file, no renamed copy.
        assertThat(files.map(p -> p.getFileName().toString()))
            .allMatch(name -> name.equals("shop.db") || name.equals("shop.db-wal") || name.equals("shop.db-shm"));
      }
    } finally {
      holder.destroy();
      holder.waitFor();
    }
    assertThat(cli.ok("restore", "run", "1", "--target-node", "shop", "--target-database", "shop.db",
        "--rename-existing").out()).contains("[Done] restore");
  }
}
