package io.coffer.cli.physical;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.catalog.access.Role;
import io.coffer.catalog.job.JobState;
import io.coffer.catalog.schedule.RunOnceStatus;
import io.coffer.cli.Cli;
import io.coffer.cli.Cli.Result;
import io.coffer.cli.CliHarness;
import io.coffer.engine.Coffer;
import io.coffer.engine.agent.AgentDaemon;
import io.coffer.engine.config.ConfigLoader;
import io.coffer.server.ApiServer;
import io.coffer.server.ServerSettings;
import io.coffer.testing.Await;
import io.coffer.testing.ThrowawayPostgres;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PHYSICAL backups of a PostgreSQL cluster with a tablespace outside its data directory: the
 * tablespace is stored as a tree of its own (and read against the parent's at level 1), restored
 * into the directory asked for (by restore run, the API, the console's wizard or a scheduled
 * restore) or beside the original, and the restored data directory's {@code pg_tblspc} symlink
 * points at the copy, never at the original; verification restores it too.
 */
class PhysicalTablespaceTest {

  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "a long enough password";
  private static ThrowawayPostgres cluster;
  private static Path location;
  @TempDir Path tmp;
  CliHarness cli;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new ThrowawayPostgres(ThrowawayPostgres.newestInstalled());
    location = Files.createTempDirectory("coffer-tablespace-");
    Files.setPosixFilePermissions(location, PosixFilePermissions.fromString("rwx------"));
    if (ROOT) {
      CopyOfACluster.run("chown", "postgres:postgres", location.toString());
    }
    CopyOfACluster.sql(cluster.port(), "CREATE TABLESPACE fast LOCATION '" + location + "'",
        "CREATE TABLE hot (id int PRIMARY KEY USING INDEX TABLESPACE fast, note text) TABLESPACE fast",
        "INSERT INTO hot SELECT g, md5(g::text) FROM generate_series(1, 3000) g",
        "CREATE TABLE cold AS SELECT g AS id FROM generate_series(1, 1000) g", "CHECKPOINT");
  }

  @AfterAll
  static void removeCluster() throws Exception {
    cluster.close();
    try (Stream<Path> beside = Files.list(location.getParent())) {
      for (Path p : beside.filter(p -> p.getFileName().toString().startsWith(location.getFileName().toString()))
          .toList()) {
        CopyOfACluster.run("rm", "-rf", "--", p.toString());
      }
    }
  }

  @BeforeEach
  void setUp() throws IOException {
    cli = CopyOfACluster.harness(tmp, cluster.port());
  }

  @Test
  void tablespace_isBackedUpAsItsOwnTree_andRestoredWhereAsked_withTheSymlinkPointingAtTheCopy() throws Exception {
    cli.ok("definition", "add", "--node", "pg", "--kind", "PHYSICAL", "--level-plan", "0,1", "--cron", "0 1 * * *");
    assertThat(cli.ok("backup", "run", "1").out()).contains("SUCCEEDED: PHYSICAL level 0");
    assertThat(cli.ok("backup", "show", "1").out()).containsPattern("Tablespaces +fast \\(\\d+\\) " + location
        + ": [1-9]\\d* files");
    CopyOfACluster.sql(cluster.port(), "INSERT INTO hot SELECT g, 'after level 0' FROM generate_series(3001, 3100) g");
    assertThat(cli.ok("backup", "run", "1").out()).contains("SUCCEEDED: PHYSICAL level 1");
    String oid = oid(cli.ok("backup", "show", "2").out());

    assertThat(cli.ok("backup", "verify", "2").out()).contains("[PASSED]");

    Path data = tmp.resolve("level1");
    Path copy = tmp.resolve("fast-copy");
    Result dry = cli.ok("restore", "run", "2", "--target-dir", data.toString(), "--tablespace-map", "fast=" + copy,
        "--dry-run");
    assertThat(dry.out()).contains("tablespace fast").contains(copy.toString());
    assertThat(data).doesNotExist();
    assertThat(copy).doesNotExist();

    cli.ok("restore", "run", "2", "--target-dir", data.toString(), "--tablespace-map", "fast=" + copy);
    Path link = data.resolve("pg_tblspc").resolve(oid);
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(copy);
    assertThat(data.resolve("tablespace_map")).doesNotExist();
    assertThat(CopyOfACluster.count(cluster.bin(), data, "hot", "cold")).containsExactly("3100", "1000");
    assertThat(Files.readSymbolicLink(link)).isEqualTo(copy);

    // By OID, and by default beside the original directory under the backup's time.
    Path byOid = tmp.resolve("by-oid");
    cli.ok("restore", "run", "1", "--target-dir", tmp.resolve("level0").toString(), "--tablespace-map",
        oid + "=" + byOid);
    assertThat(CopyOfACluster.count(cluster.bin(), tmp.resolve("level0"), "hot")).containsExactly("3000");
    Path beside = tmp.resolve("beside");
    Result byDefault = cli.ok("restore", "run", "1", "--target-dir", beside.toString());
    Path sibling = Files.readSymbolicLink(beside.resolve("pg_tblspc").resolve(oid));
    assertThat(sibling.getParent()).isEqualTo(location.getParent());
    assertThat(sibling.getFileName().toString()).matches(Pattern.quote(location.getFileName().toString())
        + "_\\d{8}T\\d{6}");
    assertThat(byDefault.out()).contains("tablespace fast (" + location + ") into directory " + sibling)
        .contains("pg_tblspc/" + oid + " will point to " + sibling);
  }

  @Test
  void badTablespaceMaps_areRefusedNamingTheField_andNothingIsWritten() throws IOException {
    assertThat(cli.ok("backup", "run", "--node", "pg", "--kind", "PHYSICAL").out())
        .contains("SUCCEEDED: PHYSICAL level 0");
    Path data = tmp.resolve("restored");

    Result unknown = cli.run("restore", "run", "1", "--target-dir", data.toString(), "--tablespace-map",
        "slow=" + tmp.resolve("slow"));
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("tablespace-map").contains("slow").contains("has no tablespace of that name")
        .contains("fast (");

    Result relative = cli.run("restore", "run", "1", "--target-dir", data.toString(), "--tablespace-map",
        "fast=relative/dir");
    assertThat(relative.code()).isEqualTo(2);
    assertThat(relative.err()).contains("tablespace-map").contains("an absolute directory");

    Path occupied = Files.createDirectories(tmp.resolve("occupied"));
    Files.writeString(occupied.resolve("keep.txt"), "mine");
    Result full = cli.run("restore", "run", "1", "--target-dir", data.toString(), "--tablespace-map",
        "fast=" + occupied);
    assertThat(full.code()).isEqualTo(2);
    assertThat(full.err()).contains("tablespace-map").contains("not empty");

    Result inside = cli.run("restore", "run", "1", "--target-dir", data.toString(), "--tablespace-map",
        "fast=" + data.resolve("ts"));
    assertThat(inside.code()).isEqualTo(2);
    assertThat(inside.err()).contains("tablespace-map").contains("overlaps the data directory");

    Result scheduledUnknown = cli.run("restore", "add", "1", "--target-node", "pg", "--target-dir",
        data.toString(), "--tablespace-map", "slow=" + tmp.resolve("x"));
    assertThat(scheduledUnknown.code()).isEqualTo(2);
    assertThat(scheduledUnknown.err()).contains("tablespace-map \"slow=").contains("has no tablespace of that name")
        .contains("fast (");
    Result scheduledRelative = cli.run("restore", "add", "1", "--target-node", "pg", "--tablespace-map", "fast=x");
    assertThat(scheduledRelative.code()).isEqualTo(2);
    assertThat(scheduledRelative.err()).contains("tablespace-map \"fast=x\"").contains("not absolute");
    Result twice = cli.run("restore", "add", "1", "--target-node", "pg", "--tablespace-map",
        "fast=" + tmp.resolve("x"), "--tablespace-map", "other=" + tmp.resolve("x"));
    assertThat(twice.code()).isEqualTo(2);
    assertThat(twice.err()).contains("tablespace fast goes there too");
    assertThat(cli.ok("restore", "scheduled").out()).contains("No scheduled restores.");

    assertThat(data).doesNotExist();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).doesNotContain("slow", "x");
    }
    try (Stream<Path> listing = Files.list(occupied)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("keep.txt");
    }
  }

  /**
   * The tablespace map travels through the API and the console's wizard (plan, then queue) and
   * through scheduled restores (restore add, kept in the catalog) to the agent that carries them
   * out; a bad map is refused naming the API's field, and queues nothing.
   */
  @Test
  void aTablespaceMap_travelsThroughTheApiTheWizardAndScheduledRestores_toTheAgent() throws Exception {
    assertThat(cli.ok("backup", "run", "--node", "pg", "--kind", "PHYSICAL").out())
        .contains("SUCCEEDED: PHYSICAL level 0");
    String oid = oid(cli.ok("backup", "show", "1").out());
    int jobs = cli.ok("job", "list", "--json").json().size();
    try (Coffer coffer = Coffer.open(new ConfigLoader(Map.of("COFFER_HOME", cli.home.toString(), "COFFER_AGENT",
        "backup01", "COFFER_AGENT_POLL", "100ms", "COFFER_AGENT_HEARTBEAT", "200ms"), cli.root,
        cli.root.resolve("coffer.yaml")).load(), location -> Cli.PASSPHRASE.toCharArray())) {
      coffer.access().addUser("ops", Role.OPERATOR, PASSWORD.toCharArray());
      String token = coffer.access().createToken("ops", "test", null).secret();
      try (ApiServer server = ApiServer.start(coffer, ServerSettings.defaults(cli.home).insecure()
          .listen("127.0.0.1:0"))) {
        Http api = new Http(server.port(), token);
        Path data = tmp.resolve("by-api");
        Path copy = tmp.resolve("fast-by-api");
        String asked = "{\"backup\": 1, \"targetNode\": \"pg\", \"targetDirectory\": \"" + data + "\", ";

        HttpResponse<String> plan = api.post("/api/v1/restores/plan", asked + "\"tablespaceMap\": {\"fast\": \""
            + copy + "\"}}");
        JsonNode unknown = api.refused(asked + "\"tablespaceMap\": {\"slow\": \"/srv/slow\"}}");
        JsonNode relative = api.refused(asked + "\"tablespaceMap\": {\"fast\": \"fast\"}}");
        JsonNode twice = api.refused(asked + "\"tablespaceMap\": {\"fast\": \"" + copy + "\", \"" + oid + "\": \""
            + tmp.resolve("other") + "\"}}");
        JsonNode inside = api.refused(asked + "\"tablespaceMap\": {\"fast\": \"" + data.resolve("ts") + "\"}}");

        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        assertThat(plan.body()).contains("tablespace fast (" + location + ")").contains(copy.toString());
        assertThat(unknown.path("error").asText()).startsWith("tablespaceMap \"slow=/srv/slow\" is not valid (backup 1"
            + " has no tablespace of that name or OID); accepted: fast (" + oid + ")");
        assertThat(relative.path("error").asText()).contains("not absolute");
        assertThat(twice.path("error").asText()).contains("named twice, by its name and by its OID");
        assertThat(inside.path("error").asText()).contains("overlaps the data directory");
        assertThat(coffer.jobs().list(null, 100)).as("nothing queued").hasSize(jobs);

        Result remote = cli.run("--server", "http://127.0.0.1:" + server.port(), "--insecure-http", "--token-file",
            Files.writeString(tmp.resolve("token"), token).toString(), "restore", "run", "1", "--target-dir",
            data.toString(), "--target-node", "pg", "--tablespace-map", "fast=" + copy, "--dry-run");
        assertThat(remote.code()).as(remote.err()).isZero();
        assertThat(remote.out()).contains("tablespace fast").contains(copy.toString());

        Wizard wizard = Wizard.login(server.port());
        String form = wizard.get("/console/restore?backup=1");
        String planned = wizard.post("/console/restore/plan", Map.of("backup", "1", "targetNode", "pg",
            "targetDirectory", data.toString(), "tablespaceMap.fast", copy.toString()));
        String refused = wizard.post("/console/restore/plan", Map.of("backup", "1", "targetNode", "pg",
            "tablespaceMap.fast", "fast"));
        assertThat(form).contains("id=\"restore-tablespace-" + oid + "\"").contains("name=\"tablespaceMap.fast\"")
            .contains(location + "_&lt;backup time&gt;");
        assertThat(planned).contains(copy.toString())
            .contains("<input type=\"hidden\" name=\"tablespaceMap.fast\" value=\"" + copy + "\">");
        assertThat(refused).contains("tablespaceMap &quot;fast=fast&quot; is not valid");

        AgentDaemon agent = coffer.agentDaemon(Clock.systemUTC(), "test");
        agent.start();
        try {
          HttpResponse<String> queued = api.post("/api/v1/restores", asked + "\"agent\": \"backup01\","
              + " \"tablespaceMap\": {\"fast\": \"" + copy + "\"}}");
          assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
          JsonNode restore = JSON.readTree(queued.body()).path("restore");
          assertThat(restore.path("files").path("tablespaces").path("fast").asText()).isEqualTo(copy.toString());
          long job = JSON.readTree(queued.body()).path("job").path("id").asLong();
          Await.until("job " + job + " to succeed", () -> coffer.jobs().show(job).state() == JobState.SUCCEEDED,
              () -> assertThat(coffer.jobs().show(job).state()).as(coffer.jobs().show(job).error())
                  .isIn(JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED));
          assertThat(Files.readSymbolicLink(data.resolve("pg_tblspc").resolve(oid))).isEqualTo(copy);

          Path scheduled = tmp.resolve("scheduled");
          Path scheduledCopy = tmp.resolve("fast-scheduled");
          cli.ok("restore", "add", "1", "--target-node", "pg", "--target-dir", scheduled.toString(),
              "--tablespace-map", oid + "=" + scheduledCopy, "--at", "+1h");
          assertThat(cli.ok("restore", "scheduled", "2").out()).containsPattern("Tablespace map +" + oid + "="
              + scheduledCopy);
          cli.ok("restore", "remove", "2");
          cli.ok("restore", "add", "1", "--target-node", "pg", "--target-dir", scheduled.toString(),
              "--tablespace-map", oid + "=" + scheduledCopy);
          Await.until("the scheduled restore to be done", () -> coffer.restoreRecords().scheduled(3).status()
              == RunOnceStatus.DONE, () -> assertThat(coffer.restoreRecords().scheduled(3).error()).isEmpty());
          assertThat(Files.readSymbolicLink(scheduled.resolve("pg_tblspc").resolve(oid))).isEqualTo(scheduledCopy);
        } finally {
          agent.stop(Duration.ofSeconds(10));
        }
      }
    }
  }

  /** The API with a bearer token. */
  private record Http(int port, String token) {
    HttpResponse<String> post(String path, String body) throws Exception {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The plan's refusal: a 400 naming the API's field. */
    JsonNode refused(String body) throws Exception {
      HttpResponse<String> response = post("/api/v1/restores/plan", body);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      JsonNode problem = JSON.readTree(response.body());
      assertThat(problem.path("field").asText()).isEqualTo("tablespaceMap");
      return problem;
    }
  }

  /** The console's wizard as a browser without its script uses it: a session cookie and its CSRF token. */
  private record Wizard(HttpClient client, int port, String csrf) {
    static Wizard login(int port) throws Exception {
      HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
      Wizard anonymous = new Wizard(client, port, null);
      anonymous.post("/console/login", Map.of("user", "ops", "password", PASSWORD));
      Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(anonymous.get("/console/"));
      assertThat(csrf.find()).as("logged in").isTrue();
      return new Wizard(client, port, csrf.group(1));
    }

    String get(String path) throws Exception {
      return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    }

    String post(String path, Map<String, String> fields) throws Exception {
      Map<String, String> all = new java.util.LinkedHashMap<>(fields);
      if (csrf != null) {
        all.put("csrf", csrf);
      }
      String form = all.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
      return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
          .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
  }

  private static String oid(String show) {
    Matcher m = Pattern.compile("Tablespaces +fast \\((\\d+)\\)").matcher(show);
    assertThat(m.find()).as("backup show names the tablespace: %s", show).isTrue();
    return m.group(1);
  }
}
