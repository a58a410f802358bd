package io.coffer.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.CliHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A newcomer needs no `agent add`: the first command that needs this host's agent registers it, and says so once. */
class FirstCommandTest {

  @TempDir Path tmp;

  @Test
  void theFirstDefinitionOnAHost_registersItsAgentAndSaysSoOnce() throws Exception {
    CliHarness cli = new CliHarness(tmp);
    cli.ok("volume", "init", tmp.resolve("volume").toString());
    cli.ok("volume", "add", "vault", tmp.resolve("volume").toString());
    Files.writeString(cli.data.resolve("a.db"), "");
    cli.ok("node", "add", "shop", "--engine", "sqlite", "--data-directory", cli.data.toString());

    assertThat(cli.ok("definition", "add", "--node", "shop", "--databases", "a.db", "--cron", "0 1 * * *").err())
        .contains("coffer: registered this host as agent backup01");
    assertThat(cli.ok("oneoff", "add", "--node", "shop", "--databases", "a.db", "--at", "now").err())
        .doesNotContain("registered");
    assertThat(cli.ok("agent", "list").out()).contains("backup01");
  }
}
