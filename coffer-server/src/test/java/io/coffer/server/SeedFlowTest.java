package io.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.catalog.access.Role;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.definition.NewDefinition;
import io.coffer.catalog.job.Job;
import io.coffer.catalog.node.NewNode;
import io.coffer.catalog.schedule.CronSpec;
import io.coffer.engine.Coffer;
import io.coffer.engine.agent.AgentDaemon;
import io.coffer.engine.demo.SampleDatabase;
import io.coffer.model.Engine;
import io.coffer.repo.ProgressListener;
import io.coffer.testing.Await;
import io.coffer.repo.Volume;
import io.coffer.repo.backend.Backend;
import io.coffer.repo.backend.FileInfo;
import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.Handle;
import io.coffer.repo.backend.LocalBackend;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004's flow over real HTTP, carried out by a real agent: list databases and volumes, start a
 * backup with a volume, a level and an expiry, watch its progress to 100, list it; start another,
 * abort it while it writes, and find it ABORTED with nothing of it in the volume.
 */
class SeedFlowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSPHRASE = "seed flow passphrase";
  private static final Duration PATIENCE = Duration.ofMinutes(5);

  @TempDir static Path home;
  static ServerFixture fixture;
  static AgentDaemon agent;
  static final PackGate GATE = new PackGate();

  @BeforeAll
  static void start() throws IOException {
    Path volume = ServerFixture.localVolume(home, PASSPHRASE, "SeedFlowTest");
    Path data = Files.createDirectories(home.resolve("data"));
    SampleDatabase.ofSize(11, 300_000).create(data.resolve("shop.db"));
    Coffer coffer = Coffer.open(ServerFixture.config(home, Map.of("COFFER_AGENT_HEARTBEAT", "200ms",
        "COFFER_AGENT_POLL", "100ms", "COFFER_JOB_LEASE", "60s")), location -> PASSPHRASE.toCharArray(),
        backend -> new GatedBackend(backend, GATE));
    coffer.volumes().add("vault", volume.toString(), "seed flow volume");
    coffer.nodes().add(NewNode.builder("shop", Engine.SQLITE).dataDirectory(data.toString()).build());
    fixture = new ServerFixture(coffer, s -> s, HttpClient.newHttpClient());
    agent = coffer.agentDaemon(Clock.systemUTC(), "test");
    agent.start();
  }

  @AfterAll
  static void stop() {
    GATE.release();
    if (agent != null) {
      agent.stop(Duration.ofSeconds(10));
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void start_progress_finished_thenListed() throws Exception {
    JsonNode databases = json(fixture.get(Role.VIEWER, "/api/v1/databases"));
    assertThat(databases.findValuesAsText("id")).contains("shop:shop.db");
    assertThat(databases.get(0).get("engine").asText()).isEqualTo("sqlite");

    HttpResponse<String> started = fixture.as(Role.OPERATOR, "PUT", "/api/v1/databases/shop:shop.db/backups/start",
        "{\"backupVolumeName\": \"vault\", \"level\": 0, \"expire\": \"1w 3d\"}");

    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String location = started.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches("/api/v1/jobs/[0-9]+");
    long job = json(started).get("id").asLong();
    JsonNode done = awaitProgress("the backup to finish", p -> p.get("job").asLong() == job
        && p.get("state").asText().equals("SUCCEEDED"), job);
    assertThat(done.get("progress").asInt()).isEqualTo(100);
    assertThat(done.get("comment").asText()).isEqualTo("Backup finished");
    assertThat(done.get("volume").asText()).isEqualTo("vault");
    assertThat(done.get("level").asInt()).isZero();
    assertThat(json(fixture.get(Role.VIEWER, location)).get("state").asText()).isEqualTo("SUCCEEDED");

    JsonNode backups = json(fixture.get(Role.VIEWER, "/api/v1/databases/shop:shop.db/backups"));
    assertThat(backups.get(0).get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(Instant.parse(backups.get(0).get("expiresAt").asText()))
        .isAfter(Instant.now().plus(Duration.ofDays(9))).isBefore(Instant.now().plus(Duration.ofDays(11)));
    assertThat(json(fixture.get(Role.VIEWER, "/api/v1/databases/shop:shop.db/volumes")).findValuesAsText("name"))
        .containsExactly("vault");
  }

  @Test
  void start_abortWhileWriting_endsAborted_andTheVolumeKeepsNothingOfIt() throws Exception {
    int backupsBefore = volumeBackups().size();
    GATE.arm();
    HttpResponse<String> started = fixture.as(Role.OPERATOR, "PUT", "/api/v1/databases/shop:shop.db/backups/start",
        "{\"backupVolumeName\": \"vault\"}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    long job = json(started).get("id").asLong();
    await("the agent writing the first pack", () -> GATE.reached.getCount() == 0, job);
    JsonNode running = json(fixture.get(Role.VIEWER, "/api/v1/databases/shop:shop.db/backups/progress"));
    assertThat(running.get("state").asText()).isEqualTo("RUNNING");
    assertThat(running.get("comment").asText()).isNotBlank();

    assertThat(fixture.as(Role.VIEWER, "PUT", "/api/v1/databases/shop:shop.db/backups/abort", null).statusCode())
        .as("a viewer may not abort").isEqualTo(403);
    HttpResponse<String> aborted = fixture.as(Role.OPERATOR, "PUT", "/api/v1/databases/shop:shop.db/backups/abort",
        null);
    assertThat(aborted.statusCode()).as(aborted.body()).isEqualTo(200);
    // The agent hears of the abort with the heartbeat that renews the lease: once two heartbeats
    // came after the request, the first of them has handed the abort to the run.
    Instant requested = Instant.now();
    await("two heartbeats after the abort", () -> heartbeatsAfter(job, requested), job);
    GATE.release();

    JsonNode end = awaitProgress("the backup to end ABORTED", p -> p.get("job").asLong() == job
        && p.get("state").asText().equals("ABORTED"), job);
    assertThat(end.get("comment").asText()).startsWith("Backup ABORTED");
    assertThat(fixture.coffer.backups().show(fixture.coffer.jobs().show(job).subject().backupId()).status())
        .isEqualTo(BackupStatus.ABORTED);
    assertThat(volumeBackups()).as("no manifest of the aborted backup").hasSize(backupsBefore);
    try (Volume volume = Volume.open(new LocalBackend(home.resolve("volume")), PASSPHRASE.toCharArray())) {
      assertThat(volume.check(true, ProgressListener.NONE).ok()).as("the volume checks clean").isTrue();
    }
    assertThat(fixture.as(Role.OPERATOR, "PUT", "/api/v1/databases/shop:shop.db/backups/abort", null).statusCode())
        .as("nothing left to abort").isEqualTo(409);
  }

  @Test
  void badStarts_areRefusedNamingTheField_andQueueNothing() throws Exception {
    int jobs = fixture.coffer.jobs().list(null, 10_000).size();
    String start = "/api/v1/databases/shop:shop.db/backups/start";

    ApiServerTest.assertProblem(fixture.as(Role.OPERATOR, "PUT", start, "{\"level\": 10}"), 400, "level");
    ApiServerTest.assertProblem(fixture.as(Role.OPERATOR, "PUT", start, "{\"level\": \"0\"}"), 400, "level");
    ApiServerTest.assertProblem(fixture.as(Role.OPERATOR, "PUT", start, "{\"level\": 1.5}"), 400, "level");
    ApiServerTest.assertProblem(fixture.as(Role.OPERATOR, "PUT", start, "{\"expire\": \"1 fortnight\"}"), 400, "expire");
    ApiServerTest.assertProblem(fixture.as(Role.OPERATOR, "PUT", start, "{\"backupVolumeName\": \"attic\"}"), 404,
        "volume");
    ApiServerTest.assertProblem(fixture.as(Role.OPERATOR, "PUT", start,
        "{\"backupVolumeName\": \"vault\", \"backupVolumeId\": 1}"), 400, "backupVolumeName");
    ApiServerTest.assertProblem(fixture.as(Role.OPERATOR, "PUT", start, "{\"volume\": \"vault\"}"), 400, "volume");
    ApiServerTest.assertProblem(fixture.as(Role.OPERATOR, "PUT", "/api/v1/databases/shop:nothing.db/backups/start",
        "{}"), 404, "id");
    ApiServerTest.assertProblem(fixture.as(Role.OPERATOR, "PUT", "/api/v1/databases/shop/backups/start", "{}"), 400,
        "id");
    ApiServerTest.assertProblem(fixture.as(Role.VIEWER, "PUT", start, "{}"), 403, null);

    assertThat(fixture.coffer.jobs().list(null, 10_000)).hasSize(jobs);
  }

  @Test
  void aDefinitionRunThroughTheApi_showsInTheMetrics() throws Exception {
    long definition = fixture.coffer.catalog().definitions().add(NewDefinition.of("backup01", "shop", "vault",
        DatabaseSelector.parse("shop.db")).schedule(CronSpec.parse("0 3 * * *"))).id();
    HttpResponse<String> run = fixture.as(Role.OPERATOR, "POST", "/api/v1/definitions/" + definition + "/run", null);
    assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
    long job = json(run).get("id").asLong();
    await("the definition's backup", () -> fixture.coffer.jobs().show(job).state().name().equals("SUCCEEDED"), job);

    assertThat(fixture.send("GET", "/metrics", null, null).statusCode()).as("metrics need a token").isEqualTo(401);
    HttpResponse<String> scraped = fixture.get(Role.VIEWER, "/metrics");

    assertThat(scraped.statusCode()).isEqualTo(200);
    assertThat(scraped.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    String text = scraped.body();
    double finished = value(text, "coffer_definition_last_success_timestamp_seconds{definition=\"" + definition
        + "\",node=\"shop\"}");
    assertThat(finished).isBetween(Instant.now().minusSeconds(600).getEpochSecond() * 1.0,
        Instant.now().getEpochSecond() + 1.0);
    assertThat(value(text, "coffer_backups{kind=\"FULL\",node=\"shop\",status=\"SUCCEEDED\"}")).isGreaterThanOrEqualTo(1);
    assertThat(value(text, "coffer_backup_stored_bytes{kind=\"FULL\",node=\"shop\",status=\"SUCCEEDED\"}"))
        .isPositive();
    assertThat(value(text, "coffer_volume_stored_bytes{volume=\"vault\"}")).isPositive();
    assertThat(value(text, "coffer_agent_online{agent=\"backup01\"}")).isEqualTo(1.0);
    assertThat(text).contains("coffer_jobs_queued ").contains("coffer_jobs_queued_oldest_age_seconds ")
        .contains("coffer_api_requests_seconds_count{method=\"POST\",route=\"/api/v1/definitions/{id}/run\",status=\"202\"}");
  }

  @Test
  void theEventStream_tellsOfABackupJobFromQueuedToSucceeded() throws Exception {
    java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
    assertThat(fixture.get(Role.VIEWER, "/api/v1/events").statusCode()).as("without Accept").isEqualTo(406);
    var stream = openEvents(lines);
    assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("text/event-stream"));
    // The stream polls the catalog once a second and a small backup can finish within one poll: the
    // job is held at its first pack until the stream has told of it queued or running.
    GATE.arm();
    try {
      HttpResponse<String> started = fixture.as(Role.OPERATOR, "PUT", "/api/v1/databases/shop:shop.db/backups/start",
          "{\"backupVolumeName\": \"vault\"}");
      long job = json(started).get("id").asLong();
      java.util.Set<String> states = new java.util.LinkedHashSet<>();
      Instant deadline = Instant.now().plus(PATIENCE);
      while (!states.contains("SUCCEEDED")) {
        String line = lines.poll(1, TimeUnit.SECONDS);
        if (line != null && line.startsWith("data:")) {
          JsonNode event = JSON.readTree(line.substring("data:".length()));
          if (event.get("id").asLong() == job) {
            states.add(event.get("state").asText());
            if (states.contains("QUEUED") || states.contains("RUNNING")) {
              GATE.release();
            }
          }
        }
        assertThat(Instant.now()).as("events of job " + job + " so far: " + states).isBefore(deadline);
        assertThat(states).as("job " + job + " failed").doesNotContain("FAILED");
      }
      assertThat(states).as("the states the stream told of, in order").last().isEqualTo("SUCCEEDED");
      assertThat(states).containsAnyOf("QUEUED", "RUNNING");
    } finally {
      GATE.release();
      stream.body().close();
    }
  }

  /**
   * A page opened as its job ends: the job's end was told to the clients connected then, and one that
   * joins afterwards hears it when it joins, although nothing about the job changes any more.
   */
  @Test
  void aClientJoiningAfterAJobEnded_hearsHowItEnded() throws Exception {
    java.util.concurrent.BlockingQueue<String> early = new java.util.concurrent.LinkedBlockingQueue<>();
    var first = openEvents(early);
    try {
      HttpResponse<String> started = fixture.as(Role.OPERATOR, "PUT", "/api/v1/databases/shop:shop.db/backups/start",
          "{\"backupVolumeName\": \"vault\"}");
      long job = json(started).get("id").asLong();
      awaitState(early, job, "SUCCEEDED", PATIENCE);

      java.util.concurrent.BlockingQueue<String> late = new java.util.concurrent.LinkedBlockingQueue<>();
      var second = openEvents(late);
      try {
        // Told when it joins; a second client never heard of it at all before.
        awaitState(late, job, "SUCCEEDED", Duration.ofSeconds(30));
      } finally {
        second.body().close();
      }
    } finally {
      first.body().close();
    }
  }

  /** An event stream of a viewer, its lines put on {@code lines} by a thread of its own. */
  private HttpResponse<java.util.stream.Stream<String>> openEvents(java.util.concurrent.BlockingQueue<String> lines)
      throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(fixture.uri("/api/v1/events"))
        .header("Authorization", ServerFixture.bearer(fixture.tokens.get(Role.VIEWER)))
        .header("Accept", "text/event-stream").build();
    var stream = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.statusCode()).isEqualTo(200);
    Thread reader = new Thread(() -> {
      try {
        stream.body().forEach(lines::add);
      } catch (java.io.UncheckedIOException closedByTheTest) {
        // The test closes the stream when it has heard enough.
      }
    }, "sse-reader");
    reader.setDaemon(true);
    reader.start();
    return stream;
  }

  /** Reads events until one tells that {@code job} is in {@code state}; fails after {@code patience}. */
  private static void awaitState(java.util.concurrent.BlockingQueue<String> lines, long job, String state,
      Duration patience) throws Exception {
    Instant deadline = Instant.now().plus(patience);
    while (true) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null && line.startsWith("data:")) {
        JsonNode event = JSON.readTree(line.substring("data:".length()));
        if (event.get("id").asLong() == job && state.equals(event.get("state").asText())) {
          return;
        }
      }
      assertThat(Instant.now()).as("an event of job " + job + " " + state).isBefore(deadline);
    }
  }

  @Test
  void aRestore_isPlannedFirst_thenCarriedOutByTheAgent_andDropIsAnAdminsAlone() throws Exception {
    HttpResponse<String> started = fixture.as(Role.OPERATOR, "POST", "/api/v1/backups",
        "{\"node\": \"shop\", \"databases\": \"shop.db\", \"volume\": \"vault\"}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    long backupJob = json(started).get("id").asLong();
    await("the backup", () -> fixture.coffer.jobs().show(backupJob).state().name().equals("SUCCEEDED"), backupJob);
    long backup = fixture.coffer.jobs().show(backupJob).subject().backupId();
    String request = "{\"backup\": " + backup + ", \"targetNode\": \"shop\", \"targetDatabase\": \"copy.db\"}";

    HttpResponse<String> plan = fixture.as(Role.OPERATOR, "POST", "/api/v1/restores/plan", request);

    assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
    JsonNode step = json(plan).get("databases").get(0);
    assertThat(step.get("target").asText()).isEqualTo("copy.db");
    assertThat(step.get("existing").asText()).isEqualTo("NONE");
    assertThat(Files.exists(home.resolve("data").resolve("copy.db"))).as("a plan changes nothing").isFalse();
    ApiServerTest.assertProblem(fixture.as(Role.OPERATOR, "POST", "/api/v1/restores",
        request.replace("}", ", \"existing\": \"drop\"}")), 403, "existing");

    HttpResponse<String> queued = fixture.as(Role.OPERATOR, "POST", "/api/v1/restores", request);

    assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
    JsonNode queuedStep = json(queued).get("plan").get("databases").get(0);
    assertThat(queuedStep.get("target").asText()).as("the plan it was queued with, as the plan alone answered it")
        .isEqualTo("copy.db");
    assertThat(queuedStep.get("existing").asText()).isEqualTo("NONE");
    long restoreJob = json(queued).get("job").get("id").asLong();
    assertThat(queued.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + restoreJob);
    await("the restore", () -> fixture.coffer.jobs().show(restoreJob).state().name().equals("SUCCEEDED"), restoreJob);
    assertThat(Files.size(home.resolve("data").resolve("copy.db")))
        .isEqualTo(Files.size(home.resolve("data").resolve("shop.db")));
    ApiServerTest.assertProblem(fixture.as(Role.OPERATOR, "POST", "/api/v1/restores", request), 409, "targetDatabase");

    HttpResponse<String> verify = fixture.as(Role.OPERATOR, "POST", "/api/v1/backups/" + backup + "/verify", null);
    assertThat(verify.statusCode()).as(verify.body()).isEqualTo(202);
    long verifyJob = json(verify).get("id").asLong();
    await("the verification", () -> fixture.coffer.jobs().show(verifyJob).state().name().equals("SUCCEEDED"),
        verifyJob);
    assertThat(json(fixture.get(Role.VIEWER, "/api/v1/backups/" + backup)).get("verification").asText())
        .contains("PASSED");
  }

  /** The value of one sample of Prometheus's text format. */
  private static double value(String text, String series) {
    return text.lines().filter(line -> line.startsWith(series + " ")).findFirst()
        .map(line -> Double.parseDouble(line.substring(series.length() + 1).strip()))
        .orElseThrow(() -> new AssertionError("no sample " + series + " in:\n" + text));
  }

  private static boolean heartbeatsAfter(long job, Instant requested) {
    Instant first = fixture.coffer.jobs().show(job).lease().heartbeatAt();
    if (first == null || !first.isAfter(requested)) {
      return false;
    }
    SECOND_AFTER.compareAndSet(null, first);
    Instant seen = SECOND_AFTER.get();
    return first.isAfter(seen);
  }

  private static final java.util.concurrent.atomic.AtomicReference<Instant> SECOND_AFTER =
      new java.util.concurrent.atomic.AtomicReference<>();

  private static List<?> volumeBackups() throws IOException {
    try (Volume volume = Volume.open(new LocalBackend(home.resolve("volume")), PASSPHRASE.toCharArray())) {
      return volume.backups();
    }
  }

  private static JsonNode awaitProgress(String what, java.util.function.Predicate<JsonNode> done, long job)
      throws Exception {
    JsonNode[] last = new JsonNode[1];
    await(what, () -> {
      last[0] = json(fixture.get(Role.VIEWER, "/api/v1/databases/shop:shop.db/backups/progress"));
      return done.test(last[0]);
    }, job);
    return last[0];
  }

  /** Awaits real state; fails at once when the job failed. */
  private static void await(String what, Await.Condition condition, long job) throws Exception {
    Await.until(what, condition, () -> {
      Job now = fixture.coffer.jobs().show(job);
      if (now.state().name().equals("FAILED")) {
        throw new AssertionError("waiting for " + what + ": job " + job + " FAILED: " + now.error());
      }
    });
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  /** Holds the first pack written while armed until released; the test sees when it was reached. */
  static final class PackGate {
    volatile boolean armed;
    volatile CountDownLatch reached = new CountDownLatch(1);
    volatile CountDownLatch released = new CountDownLatch(0);

    void arm() {
      reached = new CountDownLatch(1);
      released = new CountDownLatch(1);
      armed = true;
    }

    void release() {
      armed = false;
      released.countDown();
    }

    void pass() throws IOException {
      if (!armed) {
        return;
      }
      reached.countDown();
      try {
        if (!released.await(PATIENCE.toMinutes(), TimeUnit.MINUTES)) {
          throw new IOException("the test never released the pack gate");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted at the pack gate", e);
      }
    }
  }

  /** A backend whose pack saves pass the gate first. */
  static final class GatedBackend implements Backend {
    private final Backend inner;
    private final PackGate gate;

    GatedBackend(Backend inner, PackGate gate) {
      this.inner = inner;
      this.gate = gate;
    }

    @Override
    public String location() {
      return inner.location();
    }

    @Override
    public void save(Handle handle, byte[] data) throws IOException {
      if (handle.type() == FileType.PACK) {
        gate.pass();
      }
      inner.save(handle, data);
    }

    @Override
    public byte[] load(Handle handle) throws IOException {
      return inner.load(handle);
    }

    @Override
    public byte[] loadRange(Handle handle, long offset, int length) throws IOException {
      return inner.loadRange(handle, offset, length);
    }

    @Override
    public long stat(Handle handle) throws IOException {
      return inner.stat(handle);
    }

    @Override
    public List<FileInfo> list(FileType type) throws IOException {
      return inner.list(type);
    }

    @Override
    public void remove(Handle handle) throws IOException {
      inner.remove(handle);
    }

    @Override
    public boolean exists() throws IOException {
      return inner.exists();
    }

    @Override
    public void close() throws IOException {
      inner.close();
    }
  }
}
