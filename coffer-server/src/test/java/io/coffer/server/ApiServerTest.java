package io.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.catalog.access.Role;
import io.coffer.catalog.history.HistoryEntry;
import io.coffer.catalog.node.NewNode;
import io.coffer.model.Engine;
import io.coffer.server.http.Route;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The API over real HTTP on a free port: authentication, roles, the error shape, the OpenAPI document. */
class ApiServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path home;
  static ServerFixture fixture;

  @BeforeAll
  static void start() {
    // Failed logins are part of these tests; the backoff has its own test.
    fixture = new ServerFixture(home, s -> s.backoff(1_000, java.time.Duration.ofSeconds(1)));
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  static Stream<Route> guardedRoutes() {
    return fixture().server.routes().stream().filter(r -> !r.open());
  }

  /** Every route and role: a role below the route's is refused with 403, one at or above it is let through. */
  static Stream<Arguments> matrix() {
    List<Arguments> cells = new ArrayList<>();
    for (Route route : fixture().server.routes()) {
      if (route.open()) {
        continue;
      }
      for (Role role : Role.values()) {
        cells.add(Arguments.of(route.method() + " " + route.path(), role, route));
      }
    }
    return cells.stream();
  }

  private static ServerFixture fixture() {
    if (fixture == null) {
      start();
    }
    return fixture;
  }

  @Test
  void everyRoute_hasARule_andOnlyTheHealthProbeIsOpen() {
    assertThat(fixture.server.routes()).filteredOn(Route::open).extracting(r -> r.method() + " " + r.path())
        .containsExactlyInAnyOrder("GET /api/v1/health", "GET /console/login", "POST /console/login",
            "GET /console/static/{file}");
    HttpResponse<String> health = fixture.send("GET", "/api/v1/health", null, null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"catalog\":\"reachable\"");
  }

  @ParameterizedTest(name = "{0} without credentials")
  @MethodSource("guardedRoutes")
  void everyGuardedRoute_refusesARequestWithoutCredentials(Route route) throws Exception {
    if (route.streams()) {
      assertThat(fixture.status(null, route.method().name(), concrete(route))).isEqualTo(401);
      return;
    }
    HttpResponse<String> response = fixture.send(route.method().name(), concrete(route), null, body(route));
    if (route.path().startsWith("/console")) {
      // A person is sent to log in; a form posted without a session is refused.
      if (route.method().name().equals("GET")) {
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/console/login");
      } else {
        assertThat(response.statusCode()).isEqualTo(401);
      }
      return;
    }

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    assertProblem(response, 401, null);
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("matrix")
  void roleMatrix(String name, Role role, Route route) throws Exception {
    if (route.streams()) {
      assertThat(fixture.status(role, route.method().name(), concrete(route)))
          .isEqualTo(role.includes(route.role()) ? 200 : 403);
      return;
    }
    HttpResponse<String> response = fixture.as(role, route.method().name(), concrete(route), body(route));

    if (role.includes(route.role())) {
      assertThat(response.statusCode()).as(response.body()).isNotIn(401, 403, 500);
      assertThat(response.body()).doesNotContain("no route");
    } else if (route.path().startsWith("/console")) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
      assertThat(response.body()).contains("needs the role " + route.role());
    } else {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
      assertProblem(response, 403, null);
      assertThat(response.body()).contains("needs the role " + route.role());
    }
  }

  @Test
  void wrongPasswordsAndBadTokens_areAll401_andNeverSayWhichPartWasWrong() throws Exception {
    var access = fixture.coffer.access();
    var expired = access.createToken("viewer", "soon gone", "1m");
    var revoked = access.createToken("viewer", "revoked", null);
    access.revokeToken(revoked.stored().id());

    List<String> refused = List.of(
        ServerFixture.basic("viewer", "the wrong password"),
        ServerFixture.basic("nobody", ServerFixture.PASSWORD),
        ServerFixture.bearer("coffer_" + "A".repeat(43)),
        ServerFixture.bearer(revoked.secret()),
        "Basic not-base64!",
        "Digest whatever");
    for (String authorization : refused) {
      HttpResponse<String> response = fixture.send("GET", "/api/v1/backups", authorization, null);
      assertThat(response.statusCode()).as(authorization).isEqualTo(401);
      assertThat(JSON.readTree(response.body()).get("error").asText())
          .isEqualTo("the credentials were not accepted (unknown user, wrong password, or an invalid, expired or"
              + " revoked token)");
    }
    assertThat(fixture.send("GET", "/api/v1/me", ServerFixture.bearer(expired.secret()), null).statusCode())
        .isEqualTo(200);
    assertThat(fixture.send("GET", "/api/v1/me", ServerFixture.basic("operator", ServerFixture.PASSWORD), null).body())
        .contains("\"user\":\"operator\"").contains("\"role\":\"operator\"");
    assertThat(fixture.send("GET", "/api/v1/me", ServerFixture.basic("token", fixture.tokens.get(Role.ADMIN)), null)
        .body()).contains("\"user\":\"admin\"");
  }

  @Test
  void theOpenApiDocument_describesExactlyTheRoutesServed() throws Exception {
    HttpResponse<String> response = fixture.get(Role.VIEWER, "/api/v1/openapi.json");
    JsonNode doc = JSON.readTree(response.body());

    assertThat(doc.get("openapi").asText()).startsWith("3.");
    Set<String> documented = new HashSet<>();
    doc.get("paths").properties().forEach(path -> path.getValue().fieldNames()
        .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
    Set<String> served = new HashSet<>();
    fixture.server.routes().forEach(r -> served.add(r.method() + " " + r.path()));
    assertThat(documented).isEqualTo(served);
    for (Route route : fixture.server.routes()) {
      JsonNode op = doc.get("paths").get(route.path()).get(route.method().name().toLowerCase(Locale.ROOT));
      assertThat(op.get("x-coffer-role").asText()).isEqualTo(route.open() ? "none" : route.role().toString());
      assertThat(op.get("responses").has(Integer.toString(route.success()))).isTrue();
    }
    assertThat(fixture.get(Role.ADMIN, "/api/v1/not-a-route").body()).contains("no route");
    // A plan and a restore take the same fields (the console's wizard reads them too), and the agent that writes.
    JsonNode plan = doc.at("/paths/~1api~1v1~1restores~1plan/post/requestBody/content/application~1json/schema");
    JsonNode restore = doc.at("/paths/~1api~1v1~1restores/post/requestBody/content/application~1json/schema");
    List<String> fields = new ArrayList<>();
    plan.get("properties").fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("backup", "targetNode", "targetDatabase", "existing", "targetDirectory", "path",
        "force", "allowExternalSymlinks", "tablespaceMap", "agent");
    assertThat(restore.get("properties").has("agent")).isTrue();
    assertThat(plan.at("/properties/agent/description").asText()).contains("its host's directories");
    assertThat(plan.at("/properties/targetDatabase/description").asText()).contains("a 400 for a FILES or PHYSICAL");
    assertThat(plan.at("/properties/force/description").asText()).contains("(admin)");
    assertThat(plan.at("/properties/tablespaceMap/type").asText()).isEqualTo("object");
    assertThat(plan.at("/properties/tablespaceMap/additionalProperties/type").asText()).isEqualTo("string");
  }

  @Test
  void badInput_getsAProblemNamingTheField_andChangesNothing() throws Exception {
    int users = fixture.coffer.access().users().size();

    assertProblem(fixture.as(Role.ADMIN, "POST", "/api/v1/users", "{\"name\": \"carol\", "), 400, null);
    assertThat(fixture.as(Role.ADMIN, "POST", "/api/v1/users", "{\"name\": \"carol\", ").body())
        .contains("not valid JSON");
    assertProblem(fixture.as(Role.ADMIN, "POST", "/api/v1/users", "[1, 2]"), 400, null);
    assertProblem(fixture.as(Role.ADMIN, "POST", "/api/v1/users",
        "{\"name\": \"carol\", \"role\": \"viewer\", \"password\": \"a long enough password\", \"admin\": true}"),
        400, "admin");
    assertProblem(fixture.as(Role.ADMIN, "POST", "/api/v1/users",
        "{\"name\": \"carol\", \"role\": 3, \"password\": \"a long enough password\"}"), 400, "role");
    assertProblem(fixture.as(Role.ADMIN, "POST", "/api/v1/users",
        "{\"name\": \"carol\", \"role\": \"king\", \"password\": \"a long enough password\"}"), 400, "role");
    HttpResponse<String> weak = fixture.as(Role.ADMIN, "POST", "/api/v1/users",
        "{\"name\": \"carol\", \"role\": \"viewer\", \"password\": \"short\"}");
    assertProblem(weak, 400, "password");
    assertThat(weak.body()).doesNotContain("short");
    assertProblem(fixture.as(Role.ADMIN, "POST", "/api/v1/users",
        "{\"name\": \"admin\", \"role\": \"viewer\", \"password\": \"a long enough password\"}"), 409, "user");
    assertProblem(fixture.as(Role.ADMIN, "POST", "/api/v1/tokens",
        "{\"user\": \"viewer\", \"name\": \"x\", \"expire\": \"1 fortnight\"}"), 400, "expire");
    assertProblem(fixture.get(Role.VIEWER, "/api/v1/backups?limit=0"), 400, "limit");
    assertProblem(fixture.get(Role.VIEWER, "/api/v1/backups?limit=ten"), 400, "limit");
    assertProblem(fixture.get(Role.VIEWER, "/api/v1/backups?status=LOST"), 400, "status");
    assertProblem(fixture.get(Role.VIEWER, "/api/v1/backups?since=yesterday"), 400, "since");
    assertProblem(fixture.get(Role.VIEWER, "/api/v1/backups/abc"), 400, "id");
    assertProblem(fixture.get(Role.VIEWER, "/api/v1/backups/4242"), 404, "backup");
    assertProblem(fixture.get(Role.VIEWER, "/api/v1/nodes/nowhere"), 404, "node");
    assertProblem(fixture.get(Role.VIEWER, "/api/v1/history?since=yesterday"), 400, "since");
    assertProblem(fixture.get(Role.VIEWER, "/api/v1/jobs/1?wait=-1"), 400, "wait");
    assertProblem(fixture.get(Role.VIEWER, "/api/v1/jobs/1?wait=10001"), 400, "wait");
    assertProblem(fixture.get(Role.VIEWER, "/api/v1/jobs/1?wait=soon"), 400, "wait");
    HttpResponse<String> huge = fixture.as(Role.ADMIN, "POST", "/api/v1/users",
        "{\"name\": \"" + "x".repeat(200_000) + "\"}");
    assertProblem(huge, 413, null);

    assertThat(fixture.coffer.access().users()).hasSize(users);
  }

  @Test
  void aBackupOfAWholeNode_isStartedWithoutDatabases_butALogicalOneNamesThem() throws Exception {
    Path data = java.nio.file.Files.createDirectories(home.resolve("files-data"));
    Path volume = ServerFixture.localVolume(home, "unused", "ApiServerTest");
    fixture.coffer.volumes().add("vault", volume.toString(), "whole-node backups");
    fixture.coffer.nodes().add(NewNode.builder("files", Engine.FILESYSTEM).dataDirectory(data.toString()).build());
    fixture.coffer.nodes().add(NewNode.builder("shop", Engine.SQLITE).dataDirectory(data.toString()).build());

    HttpResponse<String> files = fixture.as(Role.OPERATOR, "POST", "/api/v1/backups",
        "{\"node\": \"files\", \"kind\": \"FILES\"}");
    int jobs = fixture.coffer.jobs().list(null, 1000).size();
    HttpResponse<String> logical = fixture.as(Role.OPERATOR, "POST", "/api/v1/backups",
        "{\"node\": \"shop\", \"kind\": \"FULL\"}");

    assertThat(files.statusCode()).as(files.body()).isEqualTo(202);
    assertThat(JSON.readTree(files.body()).get("parameters").asText()).contains("FILES");
    assertProblem(logical, 400, "databases");
    assertThat(logical.body()).contains("a FULL backup names the databases it copies");
    assertThat(fixture.coffer.jobs().list(null, 1000)).as("the refused backup queued nothing").hasSize(jobs);

    // No agent runs here: a wait for the queued job's end answers with it as it stands once the wait is over.
    long queuedId = JSON.readTree(files.body()).get("id").asLong();
    long asked = System.nanoTime();
    HttpResponse<String> waited = fixture.get(Role.VIEWER, "/api/v1/jobs/" + queuedId + "?wait=300");
    assertThat(waited.statusCode()).as(waited.body()).isEqualTo(200);
    assertThat(JSON.readTree(waited.body()).get("state").asText()).isEqualTo("QUEUED");
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - asked)).isGreaterThanOrEqualTo(
        java.time.Duration.ofMillis(300));

    // The console's start form: a kind of its own, and no databases for a whole node.
    java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder()
        .cookieHandler(new java.net.CookieManager()).build();
    form(browser, "/console/login", "user=operator&password=" + ServerFixture.PASSWORD.replace(' ', '+'));
    String overview = browser.send(java.net.http.HttpRequest.newBuilder(fixture.uri("/console/")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(overview);
    assertThat(csrf.find()).as(overview).isTrue();
    assertThat(overview).contains("id=\"start-kind\"");
    HttpResponse<String> started = form(browser, "/console/backups/start", "csrf=" + csrf.group(1)
        + "&node=files&kind=FILES&databases=&volume=vault&level=0");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
    assertThat(started.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/console/jobs/"));
  }

  private static HttpResponse<String> form(java.net.http.HttpClient client, String path, String body) throws Exception {
    return client.send(java.net.http.HttpRequest.newBuilder(fixture.uri(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void changesThroughTheApi_areAuditedUnderTheUser_andTheTokenIsShownOnce() throws Exception {
    HttpResponse<String> made = fixture.as(Role.ADMIN, "POST", "/api/v1/tokens",
        "{\"user\": \"operator\", \"name\": \"laptop\", \"expire\": \"30d\"}");

    assertThat(made.statusCode()).isEqualTo(201);
    String token = JSON.readTree(made.body()).get("token").asText();
    assertThat(token).startsWith("coffer_");
    HistoryEntry last = fixture.coffer.history().list(null, 1).get(0);
    assertThat(last.actor()).isEqualTo("api:admin");
    assertThat(last.action()).isEqualTo("token create");
    assertThat(last.toString()).doesNotContain(token);
    String listed = fixture.get(Role.ADMIN, "/api/v1/tokens?user=operator").body();
    assertThat(listed).contains("laptop").doesNotContain(token).doesNotContain("hash");
    assertThat(fixture.get(Role.ADMIN, "/api/v1/users").body()).doesNotContain("argon2");
  }

  @Test
  void everyResponse_carriesTheSecurityHeaders_andNoServerVersion() {
    for (HttpResponse<String> response : List.of(fixture.get(Role.VIEWER, "/api/v1/agents"),
        fixture.send("GET", "/api/v1/agents", null, null), fixture.send("GET", "/api/v1/health", null, null))) {
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
      assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(response.headers().firstValue("Server")).isEmpty();
    }
  }

  /** The route's path with its parameters filled by values that name nothing, so no request changes anything. */
  static String concrete(Route route) {
    String path = route.path();
    for (String param : route.pathParams()) {
      path = path.replace("{" + param + "}", param.equals("id") ? "999999" : "nothing-" + param);
    }
    return path;
  }

  /** A body that a route taking one refuses for a missing field, so that no request of the matrix changes anything. */
  static String body(Route route) {
    return route.body().isEmpty() ? null : "{}";
  }

  static void assertProblem(HttpResponse<String> response, int status, String field) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("error").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    if (field == null) {
      assertThat(problem.has("field")).as(response.body()).isFalse();
    } else {
      assertThat(problem.get("field").asText()).as(response.body()).isEqualTo(field);
    }
  }
}
