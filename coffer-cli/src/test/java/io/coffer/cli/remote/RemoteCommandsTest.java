package io.coffer.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.access.Role;
import io.coffer.cli.Cli;
import io.coffer.cli.CliHarness;
import io.coffer.engine.Coffer;
import io.coffer.engine.config.ConfigLoader;
import io.coffer.server.ApiServer;
import io.coffer.server.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coffer --server URL --token-file FILE …} against a real server: no catalog on the client's side. */
class RemoteCommandsTest {

  @TempDir Path dir;

  @Test
  void overPlainHttpWhenAllowed_listsAndRefusals_comeFromTheServer_andCommandsWithoutARemoteFormSaySo() throws Exception {
    Path serverHome = dir.resolve("server");
    try (Coffer coffer = Coffer.open(new ConfigLoader(Map.of("COFFER_HOME", serverHome.toString(), "COFFER_AGENT",
        "backup01"), serverHome, serverHome.resolve("none.yaml")).load(), location -> new char[0])) {
      coffer.access().addUser("ops", Role.OPERATOR, "a long enough password".toCharArray());
      Path token = Files.writeString(dir.resolve("token"), coffer.access().createToken("ops", "laptop", null).secret()
          + "\n");
      try (ApiServer server = ApiServer.start(coffer, ServerSettings.defaults(serverHome).insecure()
          .listen("127.0.0.1:0"))) {
        // The client's home has no catalog and never gets one.
        CliHarness laptop = new CliHarness(dir.resolve("laptop"));
        String url = "http://127.0.0.1:" + server.port();

        Cli.Result jobs = laptop.run("--server", url, "--insecure-http", "--token-file", token.toString(), "job", "list", "--json");
        Cli.Result backups = laptop.run("--server", url, "--insecure-http", "--token-file", token.toString(), "backup", "list");
        Cli.Result missing = laptop.run("--server", url, "--insecure-http", "--token-file", token.toString(), "backup", "abort", "42");
        Cli.Result local = laptop.run("--server", url, "--insecure-http", "--token-file", token.toString(), "node", "remove", "shop");
        Cli.Result noToken = laptop.run("--server", url, "--insecure-http", "backup", "list");

        assertThat(jobs.code()).as(jobs.err()).isZero();
        assertThat(jobs.json().isArray()).isTrue();
        assertThat(backups.code()).as(backups.err()).isZero();
        assertThat(backups.out()).contains("No backups.");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("backup \"42\" does not exist");
        assertThat(local.code()).isNotZero();
        assertThat(local.err()).contains("coffer node remove does not run against a server").contains("backup list");
        assertThat(noToken.err()).contains("--token-file");
        assertThat(Files.exists(dir.resolve("laptop").resolve("home").resolve("catalog.db"))).isFalse();
        assertThat(coffer.history().list(null, 1).get(0).actor()).isNotEqualTo("api:ops");
      }
    }
  }
}
