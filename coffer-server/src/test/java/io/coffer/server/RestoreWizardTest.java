package io.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.catalog.access.Role;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.job.JobState;
import io.coffer.catalog.node.NewNode;
import io.coffer.catalog.restore.RestoreDefinition;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.demo.SampleDatabase;
import io.coffer.model.Engine;
import io.coffer.model.Host;
import io.coffer.model.Kind;
import io.coffer.testing.Await;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's restore wizard over real HTTP, as a browser without its script would use it, against
 * a real server, agent and SQLite catalog: the form holds the fields of the chosen backup's kind (a
 * directory for FILES, a database name for a backup of databases), the plan of a FILES restore shows
 * the directory, a confirmed one is queued with the directory and path and carried out by the agent,
 * and a refusal (a relative directory, force by an operator, a database name for a FILES backup)
 * comes back as the form with the API's very words, queueing nothing.
 */
class RestoreWizardTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path home;
  static ServerFixture fixture;
  static Path tree;
  static long files;
  static long logical;

  @BeforeAll
  static void start() throws IOException {
    tree = Files.createDirectories(home.resolve("app"));
    Files.createDirectories(tree.resolve("conf/nested"));
    Files.writeString(tree.resolve("top.txt"), "top");
    Files.writeString(tree.resolve("conf/app.conf"), "port = 8080\n");
    Files.writeString(tree.resolve("conf/nested/deep.txt"), "deep");
    Path data = Files.createDirectories(home.resolve("data"));
    SampleDatabase.ofSize(3, 200_000).create(data.resolve("shop.db"));
    fixture = ServerFixture.withAgent(home, "wizard passphrase", "RestoreWizardTest");
    fixture.coffer.nodes().add(NewNode.builder("app", Engine.FILESYSTEM).dataDirectory(tree.toString()).build());
    fixture.coffer.nodes().add(NewNode.builder("shop", Engine.SQLITE).dataDirectory(data.toString()).build());
    files = fixture.backUp(BackupOrder.byHand("app", null).kind(Kind.FILES).volume("vault"));
    logical = fixture.backUp(BackupOrder.byHand("shop", "shop.db").volume("vault"));
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void theForm_offersADirectoryForAFilesBackup_aNameForADatabase_andForceOnlyToAnAdmin() throws Exception {
    Console operator = Console.as("operator");
    Console admin = Console.as("admin");

    String filesForm = operator.get("/console/restore?backup=" + files).body();
    String logicalForm = operator.get("/console/restore?backup=" + logical).body();
    String adminFilesForm = admin.get("/console/restore?backup=" + files).body();

    assertThat(filesForm).contains("id=\"restore-directory\"").contains("id=\"restore-path\"")
        .doesNotContain("id=\"restore-name\"").doesNotContain("id=\"restore-existing\"")
        .as("force is an admin's").doesNotContain("id=\"restore-force\"");
    assertThat(filesForm).as("the backup's node is the target").contains("<option selected>app</option>");
    assertThat(logicalForm).contains("id=\"restore-name\"").contains("id=\"restore-existing\"")
        .doesNotContain("id=\"restore-directory\"").doesNotContain("id=\"restore-path\"")
        .contains("<option selected>shop</option>");
    assertThat(adminFilesForm).contains("id=\"restore-force\"");
  }

  @Test
  void aFilesRestore_isPlannedShowingTheDirectory_thenQueuedWithDirectoryAndPath_andCarriedOut() throws Exception {
    Console operator = Console.as("operator");
    Path target = home.resolve("only-conf");
    Map<String, String> fields = Map.of("backup", Long.toString(files), "targetNode", "app",
        "targetDirectory", target.toString(), "path", "conf");
    int jobs = jobCount();

    HttpResponse<String> plan = operator.post("/console/restore/plan", fields);

    assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
    assertThat(plan.body()).contains("id=\"plan\"").contains(target.toString()).contains(tree + "/conf as backed up at")
        .contains("nothing: it is created").contains("id=\"plan-notes\"").contains("needs 16 bytes at the target");
    assertThat(hiddenFields(plan.body())).containsEntry("targetDirectory", target.toString())
        .containsEntry("path", "conf").doesNotContainKey("force");
    assertThat(target).as("the plan changed nothing").doesNotExist();
    assertThat(jobCount()).isEqualTo(jobs);

    HttpResponse<String> queued = operator.post("/console/restore", hiddenFields(plan.body()));

    assertThat(queued.statusCode()).as(queued.body()).isEqualTo(303);
    String location = queued.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("/console/jobs/");
    RestoreDefinition restore = newestRestore();
    assertThat(restore.backupId()).isEqualTo(files);
    assertThat(restore.files().directory()).isEqualTo(target.toString());
    assertThat(restore.files().path()).isEqualTo("conf");
    assertThat(restore.files().force()).isFalse();
    long job = Long.parseLong(location.substring("/console/jobs/".length()));
    awaitSucceeded(job);
    assertThat(target.resolve("app.conf")).hasSameTextualContentAs(tree.resolve("conf/app.conf"));
    assertThat(target.resolve("nested/deep.txt")).hasSameTextualContentAs(tree.resolve("conf/nested/deep.txt"));
    assertThat(target.resolve("top.txt")).as("only the path asked for").doesNotExist();
  }

  @Test
  void refusals_comeBackAsTheFormInTheApisWords_andQueueNothing() throws Exception {
    Console operator = Console.as("operator");
    Console admin = Console.as("admin");
    Path target = home.resolve("never-written");
    String id = Long.toString(files);
    int jobs = jobCount();
    int restores = fixture.coffer.catalog().restoreDefinitions().list().size();

    HttpResponse<String> relative = operator.post("/console/restore/plan", Map.of("backup", id, "targetNode", "app",
        "targetDirectory", "restored/app"));
    HttpResponse<String> relativeRun = operator.post("/console/restore", Map.of("backup", id, "targetNode", "app",
        "targetDirectory", "restored/app"));
    HttpResponse<String> forced = operator.post("/console/restore/plan", Map.of("backup", id, "targetNode", "app",
        "targetDirectory", target.toString(), "force", "true"));
    HttpResponse<String> forcedRun = operator.post("/console/restore", Map.of("backup", id, "targetNode", "app",
        "targetDirectory", target.toString(), "force", "true"));
    HttpResponse<String> named = admin.post("/console/restore/plan", Map.of("backup", id, "targetNode", "app",
        "targetDatabase", "app.db"));
    HttpResponse<String> dropped = admin.post("/console/restore", Map.of("backup", id, "targetNode", "app",
        "existing", "drop"));

    assertThat(relative.statusCode()).isEqualTo(400);
    assertThat(error(relative)).contains("targetDirectory \"restored/app\" is not valid").contains("relative")
        .contains("an absolute path");
    assertThat(relative.body()).as("what was typed is kept").contains("value=\"restored/app\"")
        .contains("id=\"restore-directory\"");
    assertThat(error(relativeRun)).isEqualTo(error(relative));
    assertThat(forced.statusCode()).isEqualTo(403);
    assertThat(error(forced)).isEqualTo("user operator (operator) may not restore into a non-empty directory (force);"
        + " it needs the role admin");
    assertThat(forcedRun.statusCode()).isEqualTo(403);
    assertThat(named.statusCode()).isEqualTo(400);
    assertThat(error(named)).startsWith("targetDatabase \"app.db\" is not valid (backup " + id + " is a FILES backup");
    assertThat(dropped.statusCode()).isEqualTo(400);
    assertThat(error(dropped)).startsWith("existing \"drop\" is not valid");

    // The API refuses the same requests in the same words, naming the field.
    assertThat(api(Role.OPERATOR, "{\"backup\": " + id + ", \"targetNode\": \"app\", \"targetDirectory\":"
        + " \"restored/app\"}")).containsEntry("field", "targetDirectory").containsEntry("error", error(relative));
    assertThat(api(Role.OPERATOR, "{\"backup\": " + id + ", \"targetNode\": \"app\", \"targetDirectory\": \""
        + target + "\", \"force\": true}")).containsEntry("field", "force").containsEntry("error", error(forced));
    assertThat(api(Role.ADMIN, "{\"backup\": " + id + ", \"targetNode\": \"app\", \"targetDatabase\": \"app.db\"}"))
        .containsEntry("field", "targetDatabase").containsEntry("error", error(named));
    assertThat(api(Role.ADMIN, "{\"backup\": " + id + ", \"targetNode\": \"app\", \"existing\": \"drop\"}"))
        .containsEntry("field", "existing").containsEntry("error", error(dropped));
    assertThat(api(Role.OPERATOR, "{\"backup\": " + logical + ", \"targetNode\": \"shop\", \"path\": \"conf\"}"))
        .containsEntry("field", "path");

    assertThat(jobCount()).as("nothing queued").isEqualTo(jobs);
    assertThat(fixture.coffer.catalog().restoreDefinitions().list()).hasSize(restores);
    assertThat(target).doesNotExist();
  }

  /**
   * Regression: the engine's refusals of a restore reached API clients in the command line's names
   * ({@code target-dir}, {@code --force}, {@code tablespace-map}) while the API's own checks used the
   * JSON's; every refusal of a restore now names the fields as the JSON does, in the wizard too.
   */
  @Test
  void theEnginesRefusals_nameTheApisFields_inTheApiAndTheWizard() throws Exception {
    Console operator = Console.as("operator");
    Path occupied = Files.createDirectories(home.resolve("occupied"));
    Files.writeString(occupied.resolve("mine.txt"), "mine");
    String id = Long.toString(files);
    int jobs = jobCount();

    Map<String, String> notEmpty = api(Role.OPERATOR, "{\"backup\": " + id + ", \"targetNode\": \"app\","
        + " \"targetDirectory\": \"" + occupied + "\"}");
    HttpResponse<String> notEmptyPage = operator.post("/console/restore/plan", Map.of("backup", id, "targetNode",
        "app", "targetDirectory", occupied.toString()));
    Map<String, String> mapForFiles = api(Role.OPERATOR, "{\"backup\": " + id + ", \"targetNode\": \"app\","
        + " \"tablespaceMap\": {\"fast\": \"/srv/fast\"}}");
    Map<String, String> notText = api(Role.OPERATOR, "{\"backup\": " + id + ", \"targetNode\": \"app\","
        + " \"tablespaceMap\": {\"fast\": 1}}");
    Map<String, String> relativeMap = api(Role.OPERATOR, "{\"backup\": " + id + ", \"targetNode\": \"app\","
        + " \"tablespaceMap\": {\"fast\": \"fast\"}}");
    Map<String, String> wrongNode = api(Role.OPERATOR, "{\"backup\": " + logical + ", \"targetNode\": \"app\"}");
    HttpResponse<String> queued = fixture.as(Role.OPERATOR, "POST", "/api/v1/restores", "{\"backup\": " + id
        + ", \"targetNode\": \"app\", \"targetDirectory\": \"" + occupied + "\"}");

    assertThat(notEmpty).containsEntry("field", "targetDirectory");
    assertThat(notEmpty.get("error")).startsWith("targetDirectory \"" + occupied + "\" is not valid (it is not empty)")
        .contains("or \"force\": true to replace").doesNotContain("--").doesNotContain("target-dir");
    assertThat(error(notEmptyPage)).isEqualTo(notEmpty.get("error"));
    assertThat(mapForFiles).containsEntry("field", "tablespaceMap");
    assertThat(mapForFiles.get("error")).startsWith("tablespaceMap \"fast=/srv/fast\" is not valid (backup " + id
        + " is a FILES backup)").contains("only for a PHYSICAL backup");
    assertThat(notText).containsEntry("field", "tablespaceMap");
    assertThat(notText.get("error")).contains("a JSON object of strings");
    assertThat(relativeMap).containsEntry("field", "tablespaceMap");
    assertThat(relativeMap.get("error")).contains("\"fast=fast\"").contains("not absolute");
    assertThat(wrongNode).containsEntry("field", "targetNode");
    assertThat(wrongNode.get("error")).startsWith("targetNode \"app\" is not valid (it is a ").contains(" node, like shop");
    assertThat(queued.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(queued.body()).path("field").asText()).isEqualTo("targetDirectory");
    assertThat(jobCount()).as("nothing queued").isEqualTo(jobs);
    try (var listing = Files.list(occupied)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("mine.txt");
    }
  }

  /**
   * Regression: the server planned a restore on its own host and refused a directory that was not
   * empty there, although the agent that writes it may run on another host, where the directory is
   * another one. Planned for an agent recorded on another host, the directory is left to that agent
   * (the plan says so, naming its host) and the restore is queued; the agent refuses it on its host
   * (here the same directory), failing the job and writing nothing. Recorded on this host, the
   * agent's directory is this host's, and the plan refuses it as before.
   */
  @Test
  void aDirectoryInTheWayOnTheServersHost_isLeftToAnAgentOnAnotherHost_butRefusedForOneOnThisHost() throws Exception {
    Console operator = Console.as("operator");
    Path occupied = Files.createDirectories(home.resolve("occupied-on-the-server"));
    Files.writeString(occupied.resolve("mine.txt"), "mine");
    String asked = "{\"backup\": " + files + ", \"targetNode\": \"app\", \"targetDirectory\": \"" + occupied + "\"";
    Map<String, String> form = Map.of("backup", Long.toString(files), "targetNode", "app", "targetDirectory",
        occupied.toString());
    String elsewhere = "db9-" + Host.name() + "#0123456789ab";
    String leftTo = "agent backup01 checks them on its host db9-" + Host.name();
    int jobs = jobCount();

    HttpResponse<String> plan;
    HttpResponse<String> planPage;
    HttpResponse<String> queued;
    fixture.coffer.catalog().agents().start("remote01", "test", Duration.ofMinutes(1), elsewhere);
    fixture.coffer.catalog().agents().start("backup01", "test", Duration.ofMinutes(1), elsewhere);
    try {
      plan = fixture.as(Role.OPERATOR, "POST", "/api/v1/restores/plan", asked + "}");
      planPage = operator.post("/console/restore/plan", form);
      queued = fixture.as(Role.OPERATOR, "POST", "/api/v1/restores", asked + "}");
    } finally {
      fixture.coffer.catalog().agents().start("backup01", "test", Duration.ofMinutes(1), Host.identity());
    }
    HttpResponse<String> planHere = fixture.as(Role.OPERATOR, "POST", "/api/v1/restores/plan", asked + "}");
    HttpResponse<String> planForAnother = fixture.as(Role.OPERATOR, "POST", "/api/v1/restores/plan", asked + ", \"agent\": \"remote01\"}");

    assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
    assertThat(JSON.readTree(plan.body()).path("warnings").toString()).contains("not checked here (host "
        + Host.name() + ")").contains(leftTo).contains("before it writes anything");
    assertThat(JSON.readTree(plan.body()).path("notes").toString()).contains("bytes at the target")
        .doesNotContain("not checked here");
    assertThat(planPage.statusCode()).as(planPage.body()).isEqualTo(200);
    assertThat(planPage.body()).contains("id=\"plan-notes\"").contains(leftTo);
    assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
    long job = JSON.readTree(queued.body()).path("job").path("id").asLong();
    Await.until("job " + job + " to end", () -> fixture.coffer.jobs().show(job).state().isFinal());
    assertThat(fixture.coffer.jobs().show(job).state()).as("this agent checked its own host")
        .isEqualTo(JobState.FAILED);
    assertThat(fixture.coffer.jobs().show(job).error()).contains("is not valid (it is not empty)");
    assertThat(planHere.statusCode()).as(planHere.body()).isEqualTo(400);
    assertThat(JSON.readTree(planHere.body()).path("error").asText()).startsWith("targetDirectory \"" + occupied
        + "\" is not valid (it is not empty)");
    assertThat(planForAnother.statusCode()).as(planForAnother.body()).isEqualTo(200);
    assertThat(JSON.readTree(planForAnother.body()).path("warnings").toString())
        .contains("agent remote01 checks them on its host db9-" + Host.name());
    assertThat(jobCount()).as("only the restore queued for the agent elsewhere").isEqualTo(jobs + 1);
    try (var listing = Files.list(occupied)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("mine.txt");
    }
  }

  /** The refusal of a plan by the API, as {@code field} and {@code error}. */
  private static Map<String, String> api(Role role, String body) throws Exception {
    HttpResponse<String> response = fixture.as(role, "POST", "/api/v1/restores/plan", body);
    JsonNode problem = JSON.readTree(response.body());
    assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
    return Map.of("field", problem.path("field").asText(), "error", problem.path("error").asText());
  }

  private static String error(HttpResponse<String> page) {
    Matcher error = Pattern.compile("<p class=\"error\" id=\"restore-error\">([^<]*)</p>").matcher(page.body());
    assertThat(error.find()).as(page.body()).isTrue();
    return error.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  /** The hidden fields of the plan's confirming form, but its CSRF token (the session adds its own). */
  private static Map<String, String> hiddenFields(String page) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(page);
    while (hidden.find()) {
      if (!hidden.group(1).equals("csrf")) {
        fields.put(hidden.group(1), hidden.group(2));
      }
    }
    return fields;
  }

  private static int jobCount() {
    return fixture.coffer.jobs().list(null, 10_000).size();
  }

  private static RestoreDefinition newestRestore() {
    List<RestoreDefinition> all = fixture.coffer.catalog().restoreDefinitions().list();
    return all.stream().max(java.util.Comparator.comparingLong(RestoreDefinition::id)).orElseThrow();
  }

  /** Awaits the job's success; fails at once, with its error, when it ends otherwise. */
  private static void awaitSucceeded(long job) throws Exception {
    Await.until("job " + job + " to succeed", () -> fixture.coffer.jobs().show(job).state() == JobState.SUCCEEDED,
        () -> assertThat(fixture.coffer.jobs().show(job).state()).as(fixture.coffer.jobs().show(job).error())
            .isIn(JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED));
  }

  /** A browser without its script: a session's cookie, and the CSRF token its pages carry. */
  private record Console(HttpClient client, String csrf) {

    static Console as(String user) throws Exception {
      HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
      Console anonymous = new Console(client, null);
      anonymous.post("/console/login", Map.of("user", user, "password", ServerFixture.PASSWORD));
      Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(anonymous.get("/console/").body());
      assertThat(csrf.find()).as("logged in as " + user).isTrue();
      return new Console(client, csrf.group(1));
    }

    HttpResponse<String> get(String path) throws Exception {
      return client.send(HttpRequest.newBuilder(fixture.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
      Map<String, String> all = new LinkedHashMap<>(fields);
      if (csrf != null) {
        all.put("csrf", csrf);
      }
      String form = all.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
      return client.send(HttpRequest.newBuilder(fixture.uri(path)).header("Content-Type",
          "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
