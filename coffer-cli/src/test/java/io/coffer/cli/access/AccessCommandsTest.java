package io.coffer.cli.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli;
import io.coffer.cli.CliHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessCommandsTest {

  @TempDir Path dir;

  @Test
  void users_areAddedFromAPasswordFile_listedAndRemoved_andThePasswordIsNeverPrinted() throws Exception {
    CliHarness coffer = new CliHarness(dir);
    Path password = Files.writeString(dir.resolve("alice.password"), "a long enough password\n");
    coffer.variable("COFFER_USER_PASSWORD_FILE", password.toString());

    Cli.Result added = coffer.run("user", "add", "alice", "--role", "operator");
    coffer.run("user", "add", "root", "--role", "admin");

    assertThat(added.code()).as(added.err()).isZero();
    assertThat(added.out()).contains("user alice added").doesNotContain("a long enough password");
    Cli.Result list = coffer.run("user", "list", "--json");
    assertThat(list.json().findValuesAsText("role")).containsExactly("operator", "admin");
    assertThat(list.out()).doesNotContain("argon2");
    assertThat(coffer.run("user", "passwd", "alice").code()).isZero();
    assertThat(coffer.run("user", "remove", "alice", "--yes").out()).contains("user alice and its tokens removed");
    assertThat(coffer.run("user", "list").out()).doesNotContain("alice");
  }

  @Test
  void badInput_isRefusedNamingTheField() throws Exception {
    CliHarness coffer = new CliHarness(dir);
    coffer.variable("COFFER_USER_PASSWORD", "short");

    Cli.Result weak = coffer.run("user", "add", "bob", "--role", "viewer");
    Cli.Result role = coffer.run("user", "add", "bob", "--role", "emperor");
    coffer.variable("COFFER_USER_PASSWORD", null);
    Cli.Result none = coffer.run("user", "add", "bob", "--role", "viewer");

    assertThat(weak.code()).isEqualTo(2);
    assertThat(weak.err()).contains("password (value hidden) is not valid; accepted: at least 12 characters")
        .doesNotContain("short\"");
    assertThat(role.code()).isEqualTo(2);
    assertThat(role.err()).contains("role \"emperor\" is not valid; accepted: viewer, operator, admin");
    assertThat(none.code()).isNotZero();
    assertThat(none.err()).contains("COFFER_USER_PASSWORD_FILE");
    assertThat(coffer.run("user", "list").out()).contains("No users.");
  }

  @Test
  void tokens_areShownOnceAtCreation_listedWithoutTheSecret_andRevoked() throws Exception {
    CliHarness coffer = new CliHarness(dir);
    coffer.variable("COFFER_USER_PASSWORD", "a long enough password");
    coffer.run("user", "add", "ci", "--role", "viewer");

    Cli.Result created = coffer.run("token", "create", "--user", "ci", "--name", "pipeline", "--expire", "30d");

    assertThat(created.code()).as(created.err()).isZero();
    String token = created.out().strip();
    assertThat(token).startsWith("coffer_").hasSize(50);
    assertThat(created.err()).contains("shown only now");
    Cli.Result list = coffer.run("token", "list", "--json");
    assertThat(list.out()).contains("pipeline").contains("active").doesNotContain(token);
    String id = list.json().get(0).get("id").asText();
    assertThat(coffer.run("token", "revoke", id, "--yes").code()).isZero();
    assertThat(coffer.run("token", "list").out()).contains("revoked");
    Cli.Result bad = coffer.run("token", "create", "--user", "ci", "--name", "x", "--expire", "tomorrow");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("expire \"tomorrow\" is not valid");
  }
}
