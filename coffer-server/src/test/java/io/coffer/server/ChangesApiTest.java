package io.coffer.server;

import static io.coffer.server.ApiServerTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.catalog.access.Role;
import io.coffer.catalog.backup.BackupStart;
import io.coffer.catalog.definition.DefinitionFilter;
import io.coffer.catalog.history.HistoryEntry;
import io.coffer.catalog.node.NewNode;
import io.coffer.catalog.node.NodeStatus;
import io.coffer.engine.Coffer;
import io.coffer.engine.demo.SampleDatabase;
import io.coffer.model.Engine;
import io.coffer.model.Kind;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding, changing and removing definitions and changing nodes over real HTTP, against a real
 * SQLite node and a PostgreSQL node nobody listens for: the databases are checked on the node as
 * {@code definition add} checks them, and every refusal is a 4xx naming the field that changes nothing.
 */
class ChangesApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSPHRASE = "changes passphrase";

  @TempDir static Path home;
  static ServerFixture fixture;

  @BeforeAll
  static void start() throws IOException {
    Path volume = ServerFixture.localVolume(home, PASSPHRASE, "ChangesApiTest");
    Path data = Files.createDirectories(home.resolve("data"));
    SampleDatabase.ofSize(3, 100_000).create(data.resolve("shop.db"));
    SampleDatabase.ofSize(4, 100_000).create(data.resolve("sales_eu.db"));
    Coffer coffer = Coffer.open(ServerFixture.config(home, Map.of()), location -> PASSPHRASE.toCharArray());
    coffer.volumes().add("vault", volume.toString(), "changes volume");
    coffer.nodes().add(NewNode.builder("shop", Engine.SQLITE).dataDirectory(data.toString()).build());
    // Port 1 on loopback: nothing answers, as for a node down for maintenance.
    coffer.nodes().add(NewNode.builder("away", Engine.POSTGRESQL).host("127.0.0.1").port(1).adminUser("postgres")
        .build());
    coffer.ensureThisAgent();
    fixture = new ServerFixture(coffer, s -> s, HttpClient.newHttpClient());
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private static int definitions() {
    return fixture.coffer.definitions().list(DefinitionFilter.all()).size();
  }

  private static HttpResponse<String> add(String databases, String node) {
    return fixture.as(Role.ADMIN, "POST", "/api/v1/definitions", "{\"node\": \"" + node + "\", \"databases\": \""
        + databases + "\", \"agent\": \"backup01\", \"volume\": \"vault\", \"schedule\": \"30 2 * * *\"}");
  }

  @Test
  void aDatabaseTheNodeDoesNotHave_isRefusedListingWhatItHas_andNothingIsAdded() throws Exception {
    int before = definitions();

    HttpResponse<String> refused = add("shop.db,nosuch.db", "shop");

    assertProblem(refused, 400, "databases");
    assertThat(JSON.readTree(refused.body()).get("error").asText()).contains("database nosuch.db not on node shop")
        .contains("sales_eu.db, shop.db");
    assertThat(definitions()).isEqualTo(before);
    HistoryEntry recorded = fixture.coffer.history().list(null, 1).get(0);
    assertThat(recorded.actor()).isEqualTo("api:admin");
    assertThat(recorded.action()).isEqualTo("definition add");
    assertThat(recorded.result()).startsWith("rejected: ").contains("nosuch.db");
  }

  @Test
  void aPattern_isAdded_andTheAnswerSaysWhatItMatchesNow() throws Exception {
    HttpResponse<String> added = add("sales_*", "shop");

    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    JsonNode body = JSON.readTree(added.body());
    long id = body.get("definition").get("id").asLong();
    assertThat(added.headers().firstValue("Location")).hasValue("/api/v1/definitions/" + id);
    JsonNode check = body.get("databaseCheck");
    assertThat(check.get("reachable").asBoolean()).isTrue();
    assertThat(check.get("matches").get(0).get("pattern").asText()).isEqualTo("sales_*");
    assertThat(check.get("matches").get(0).get("databases").get(0).asText()).isEqualTo("sales_eu.db");
    assertThat(fixture.coffer.definitions().show(id).schedule().toString()).isEqualTo("30 2 * * *");
  }

  /** The catalog's value types were once unknown to the API's JSON: any definition or node listed was a 500. */
  @Test
  void definitionsAndNodes_areListedWithTheirValuesAsText() throws Exception {
    long id = JSON.readTree(add("shop.db", "shop").body()).get("definition").get("id").asLong();

    HttpResponse<String> shown = fixture.get(Role.VIEWER, "/api/v1/definitions/" + id);
    assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
    assertThat(JSON.readTree(shown.body()).get("schedule").asText()).isEqualTo("30 2 * * *");
    assertThat(JSON.readTree(shown.body()).get("databases").asText()).isEqualTo("shop.db");
    assertThat(fixture.get(Role.VIEWER, "/api/v1/definitions").statusCode()).isEqualTo(200);
    HttpResponse<String> nodes = fixture.get(Role.VIEWER, "/api/v1/nodes");
    assertThat(nodes.statusCode()).as(nodes.body()).isEqualTo(200);
    assertThat(nodes.body()).contains("\"credential\":\"none\"");
  }

  @Test
  void aNodeThatDoesNotAnswer_isAWarning_notARefusal() throws Exception {
    HttpResponse<String> added = add("sales", "away");

    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    JsonNode check = JSON.readTree(added.body()).get("databaseCheck");
    assertThat(check.get("reachable").asBoolean()).isFalse();
    assertThat(check.get("reason").asText()).isNotBlank();
  }

  @Test
  void badFields_areRefusedNamingTheField_andNothingIsAdded() throws Exception {
    int before = definitions();
    String base = "\"node\": \"shop\", \"databases\": \"shop.db\", \"agent\": \"backup01\", \"volume\": \"vault\"";

    assertProblem(fixture.as(Role.ADMIN, "POST", "/api/v1/definitions", "{" + base + ", \"schedule\": \"nightly\"}"),
        400, "schedule");
    assertProblem(fixture.as(Role.ADMIN, "POST", "/api/v1/definitions", "{" + base + ", \"status\": \"maybe\"}"),
        400, "status");
    assertProblem(fixture.as(Role.ADMIN, "POST", "/api/v1/definitions", "{" + base + ", \"retention\": \"soon\"}"),
        400, "retention");
    assertProblem(fixture.as(Role.ADMIN, "POST", "/api/v1/definitions", "{" + base + ", \"kind\": \"BIG\"}"),
        400, "kind");
    assertProblem(fixture.as(Role.ADMIN, "POST", "/api/v1/definitions", "{" + base + ", \"colour\": \"red\"}"),
        400, "colour");
    assertProblem(fixture.as(Role.ADMIN, "POST", "/api/v1/definitions", "{\"databases\": \"shop.db\"}"), 400, "node");
    assertProblem(fixture.as(Role.ADMIN, "POST", "/api/v1/definitions",
        "{\"node\": \"shop\", \"databases\": \"shop.db\", \"agent\": \"backup01\"}"), 400, "volume");
    assertProblem(fixture.as(Role.OPERATOR, "POST", "/api/v1/definitions", "{" + base + "}"), 403, null);

    assertThat(definitions()).isEqualTo(before);
  }

  @Test
  void aDefinition_isChanged_andABadValueChangesNothing() throws Exception {
    long id = JSON.readTree(add("sales_eu.db", "shop").body()).get("definition").get("id").asLong();

    assertProblem(fixture.as(Role.ADMIN, "PATCH", "/api/v1/definitions/" + id,
        "{\"schedule\": \"15 4 * * *\", \"retention\": \"a while\"}"), 400, "retention");
    assertThat(fixture.coffer.definitions().show(id).schedule().toString()).isEqualTo("30 2 * * *");

    HttpResponse<String> changed = fixture.as(Role.ADMIN, "PATCH", "/api/v1/definitions/" + id,
        "{\"schedule\": \"15 4 * * *\", \"status\": \"STOPPED\", \"remarks\": \"moved\"}");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(JSON.readTree(changed.body()).get("status").asText()).isEqualTo("STOPPED");
    assertThat(fixture.coffer.definitions().show(id).schedule().toString()).isEqualTo("15 4 * * *");
  }

  @Test
  void aDefinitionWithBackups_isKeptWithoutForce_andOneWithoutIsRemoved() throws Exception {
    long kept = JSON.readTree(add("shop.db,sales_eu.db", "shop").body()).get("definition").get("id").asLong();
    fixture.coffer.catalog().backups().start(BackupStart.of("shop", "vault", List.of("shop.db"), Kind.FULL)
        .definition(kept).agent("backup01"));
    // Each definition of a node backs up other databases: the same ones twice are refused as a duplicate.
    long gone = JSON.readTree(add("*.db", "shop").body()).get("definition").get("id").asLong();

    HttpResponse<String> refused = fixture.as(Role.ADMIN, "DELETE", "/api/v1/definitions/" + kept, null);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
    assertThat(fixture.coffer.definitions().show(kept).id()).isEqualTo(kept);
    assertProblem(fixture.as(Role.ADMIN, "DELETE", "/api/v1/definitions/" + gone + "?force=perhaps", null), 400,
        "force");

    HttpResponse<String> removed = fixture.as(Role.ADMIN, "DELETE", "/api/v1/definitions/" + gone, null);
    assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
    assertProblem(fixture.get(Role.VIEWER, "/api/v1/definitions/" + gone), 404, "definition");
  }

  @Test
  void aNode_isChanged_andBadValuesAreRefusedNamingTheField() throws Exception {
    assertProblem(fixture.as(Role.ADMIN, "PATCH", "/api/v1/nodes/away", "{\"port\": 70000}"), 400, "port");
    assertProblem(fixture.as(Role.ADMIN, "PATCH", "/api/v1/nodes/away", "{\"port\": \"5432\"}"), 400, "port");
    assertProblem(fixture.as(Role.ADMIN, "PATCH", "/api/v1/nodes/away", "{\"engine\": \"mariadb\"}"), 400, "engine");
    assertProblem(fixture.as(Role.ADMIN, "PATCH", "/api/v1/nodes/away", "{\"status\": \"ASLEEP\"}"), 400, "status");
    HttpResponse<String> secret = fixture.as(Role.ADMIN, "PATCH", "/api/v1/nodes/away",
        "{\"credential\": \"hunter2-the-password\"}");
    assertProblem(secret, 400, "credential");
    assertThat(secret.body()).doesNotContain("hunter2");
    assertProblem(fixture.as(Role.ADMIN, "PATCH", "/api/v1/nodes/nowhere", "{\"remarks\": \"x\"}"), 404, "node");
    assertThat(fixture.coffer.nodes().show("away").port()).isEqualTo(1);

    HttpResponse<String> changed = fixture.as(Role.ADMIN, "PATCH", "/api/v1/nodes/away",
        "{\"port\": 5433, \"status\": \"DOWN\", \"remarks\": \"maintenance\"}");

    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(fixture.coffer.nodes().show("away").port()).isEqualTo(5433);
    assertThat(fixture.coffer.nodes().show("away").status()).isEqualTo(NodeStatus.DOWN);
    assertThat(fixture.coffer.history().list(null, 1).get(0).actor()).isEqualTo("api:admin");
  }

  /** As when it is added: a file node's data directory must exist, or its backups fail at night. */
  @Test
  void aFileNodesDataDirectory_mustExist() throws Exception {
    String before = fixture.coffer.nodes().show("shop").dataDirectory();
    HttpResponse<String> refused = fixture.as(Role.ADMIN, "PATCH", "/api/v1/nodes/shop",
        "{\"dataDirectory\": \"" + home.resolve("no-such-directory") + "\"}");

    assertProblem(refused, 400, "data-directory");
    assertThat(refused.body()).contains("no such directory");
    assertThat(fixture.coffer.nodes().show("shop").dataDirectory()).isEqualTo(before);
  }
}
