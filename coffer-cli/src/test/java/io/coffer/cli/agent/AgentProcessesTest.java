package io.coffer.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coffer.cli.ChildCoffer;
import io.coffer.cli.CliHarness;
import io.coffer.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code coffer agent run} processes on one real PostgreSQL catalog: several agents take due
 * work exactly once within their limits, an agent killed with -9 is noticed by another through its
 * lease, and a running backup stops when aborted or when its agent is stopped.
 */
class AgentProcessesTest {

  @TempDir Path tmp;
  SharedCatalog catalog;
  CliHarness cli;
  final List<Process> agents = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    catalog = new SharedCatalog();
    cli = catalog.harness(tmp);
    cli.ok("volume", "init", tmp.resolve("volume").toString());
    cli.ok("volume", "add", "vault", tmp.resolve("volume").toString());
  }

  @AfterEach
  void tearDown(org.junit.jupiter.api.TestInfo test) throws Exception {
    for (Process agent : agents) {
      agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    catalog.close();
    // The agents' logs outlive the temporary directory, for a failure to be understood.
    Path kept = Files.createDirectories(Path.of("target", "agent-logs", test.getTestMethod().orElseThrow().getName()));
    try (var logs = Files.list(tmp)) {
      for (Path log : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
        Files.copy(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  @Test
  void threeAgents_runSixtyBackupsDueInOneMinuteEachOnce_withinTheAgentsAndTheNodesLimits() throws Exception {
    for (int a = 1; a <= 3; a++) {
      cli.ok("agent", "add", "a" + a);
      cli.ok("agent", "update", "a" + a, "--set", "max_parallel_jobs=3");
    }
    for (int n = 1; n <= 3; n++) {
      Path data = Files.createDirectories(tmp.resolve("node" + n));
      for (int d = 0; d < 20; d++) {
        tinyDatabase(data.resolve("db" + d + ".db"), n * 100 + d);
      }
      cli.ok("node", "add", "n" + n, "--engine", "sqlite", "--data-directory", data.toString());
      cli.ok("node", "update", "n" + n, "--set", "max_parallel_jobs=2");
    }
    // Due two minutes ago, and made an hour ago: every definition missed that minute, so each agent
    // finds its twenty due at once when it starts — sixty runs due in the same minute — and none is
    // due again for a day while the test looks.
    LocalTime due = LocalTime.now().minusMinutes(2);
    for (int i = 0; i < 60; i++) {
      cli.ok("definition", "add", "--node", "n" + (i / 20 + 1), "--databases", "db" + (i % 20) + ".db",
          "--agent", "a" + (i % 3 + 1), "--cron", due.getMinute() + " " + due.getHour() + " * * *",
          "--retention", "1 day");
    }
    catalog.execute("update definition set created_at = created_at - 3600000");

    for (int a = 1; a <= 3; a++) {
      agents.add(startAgent("a" + a));
    }
    // The bound only turns a hang into a failure: sixty real backups by three agents took over two
    // and a half minutes on a machine at load 20, so it is generous; a dead agent fails at once.
    await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
        .failFast("an agent process died", () -> agents.stream().anyMatch(agent -> !agent.isAlive()))
        .until(() -> catalog.count("select count(*) from job where state in ('SUCCEEDED', 'FAILED')") >= 60);

    assertThat(catalog.count("select count(*) from job where state = 'FAILED'"))
        .as("failed jobs: %s", catalog.rows("select id, definition_id, claimed_by, attempt, error from job where state = 'FAILED'"))
        .isZero();
    assertThat(catalog.count("select count(*) from backup where status = 'SUCCEEDED'")).isEqualTo(60);
    assertThat(catalog.count("select count(distinct definition_id) from backup")).isEqualTo(60);
    assertThat(catalog.count("select count(*) from job j join definition d on d.id = j.definition_id"
        + " where j.claimed_by <> d.agent_id")).as("jobs run by another agent than their definition's").isZero();
    List<Map<String, Object>> jobs = catalog.rows("select claimed_by, node_id, claimed_at, finished_at from job");
    assertThat(mostAtOnce(jobs, "claimed_by")).as("jobs of one agent at once").isBetween(1, 3);
    assertThat(mostAtOnce(jobs, "node_id")).as("jobs on one node at once").isBetween(1, 2);
    assertThat(cli.ok("agent", "list").out()).containsPattern("a1 +RUNNING +ONLINE").containsPattern("a3 +RUNNING +ONLINE");
    assertThat(Files.readString(tmp.resolve("a1.log"))).contains("missed its run at").contains("running it once now");

    for (Process agent : agents) {
      agent.destroy();
    }
    for (Process agent : agents) {
      assertThat(agent.waitFor(30, TimeUnit.SECONDS)).as("agent stopped on SIGTERM").isTrue();
    }
    assertThat(cli.ok("agent", "list").out()).containsPattern("a1 +RUNNING +OFFLINE").containsPattern("a2 +RUNNING +OFFLINE");
    assertThat(cli.ok("volume", "check", tmp.resolve("volume").toString()).code()).isZero();
  }

  @Test
  void anAgentKilledMidBackup_isNoticedByAnotherThroughItsLease_andItsJobRunsAgainPerPolicy() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    bigDatabase(data.resolve("big.db"));
    cli.ok("node", "add", "big", "--engine", "sqlite", "--data-directory", data.toString());
    cli.ok("agent", "add", "k1");
    cli.ok("agent", "add", "k2");
    cli.ok("oneoff", "add", "--node", "big", "--database", "big.db", "--agent", "k1", "--at", "now");
    Map<String, String> retryOnce = Map.of("COFFER_JOB_RETRY", "1");

    Process doomed = startAgent("k1", retryOnce, ChildCoffer.INTERPRETED);
    agents.add(startAgent("k2", retryOnce));
    Await.until("agent k1's backup to read its first bytes",
        () -> catalog.count("select coalesce(max(bytes_done), 0) from job where state = 'RUNNING'") > 0,
        () -> assertThat(doomed.isAlive()).as("agent k1 is alive").isTrue());
    long pid = doomed.pid();
    doomed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

    Await.until("k2 to end k1's lease and queue attempt 2",
        () -> catalog.count("select count(*) from job where attempt = 2 and state = 'QUEUED'") == 1);
    assertThat(catalog.rows("select error from job").get(0).get("error").toString())
        .startsWith("attempt 1: agent k1 stopped answering at");
    assertThat(catalog.rows("select status, error from backup where id = 1").get(0))
        .containsEntry("status", "FAILED").hasEntrySatisfying("error", e -> assertThat(e.toString())
            .contains("agent k1 stopped answering").contains("nothing of it was committed"));
    assertThat(catalog.count("select count(*) from history where action = 'job expire' and actor like '%@k2'"))
        .as("the lease was ended by the other agent").isEqualTo(1);
    Await.until("k2 to log the lock of k1's process it removed",
        () -> Files.readString(tmp.resolve("k2.log")).contains("pid " + pid + " since"));
    assertThat(Files.readString(tmp.resolve("k2.log"))).containsPattern("removed shared lock of .*pid " + pid);

    agents.add(startAgent("k1", retryOnce));
    Await.until("attempt 2 to succeed", () -> catalog.count("select count(*) from job where state = 'SUCCEEDED'") == 1);
    assertThat(catalog.count("select count(*) from backup where status = 'SUCCEEDED'")).isEqualTo(1);
    assertThat(cli.ok("oneoff", "list").out()).contains("DONE");
    assertThat(cli.ok("volume", "check", tmp.resolve("volume").toString(), "--read-data").code()).isZero();
  }

  @Test
  void aRunningBackup_stopsWhenAbortedAndWhenItsAgentIsStoppedPastTheGracePeriod() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    bigDatabase(data.resolve("big.db"));
    cli.ok("node", "add", "big", "--engine", "sqlite", "--data-directory", data.toString());
    cli.ok("agent", "add", "s1");
    cli.ok("oneoff", "add", "--node", "big", "--database", "big.db", "--agent", "s1", "--at", "now");
    // Interpreted, the backup takes minutes: it is surely still running when it is aborted or its
    // agent stopped, however fast the machine (compiled, a warm agent finished within the grace).
    Process agent = startAgent("s1", Map.of("COFFER_AGENT_GRACE_PERIOD", "1s"), ChildCoffer.INTERPRETED);
    agents.add(agent);

    long backup = awaitRunningBackup();
    assertThat(cli.ok("backup", "list", "--running").out()).contains("Backup is active").contains("big");
    assertThat(cli.ok("backup", "abort", Long.toString(backup)).out()).contains("asked agent s1 to abort backup");
    Await.until("the job to end ABORTED", () -> catalog.count("select count(*) from job where state = 'ABORTED'") == 1);
    assertThat(catalog.rows("select status, manifest_id from backup where id = " + backup).get(0))
        .containsEntry("status", "ABORTED").containsEntry("manifest_id", null);
    assertThat(cli.ok("job", "show", "1").out()).contains("ABORTED").contains("aborted on request");

    cli.ok("oneoff", "add", "--node", "big", "--database", "big.db", "--agent", "s1", "--at", "now");
    long second = awaitRunningBackup();
    agent.destroy();
    assertThat(agent.waitFor(60, TimeUnit.SECONDS)).as("agent stopped after its grace period").isTrue();
    assertThat(catalog.rows("select status, error from backup where id = " + second).get(0))
        .containsEntry("status", "ABORTED")
        .hasEntrySatisfying("error", e -> assertThat(e.toString()).contains("grace period of 1 s ended"));
    assertThat(cli.ok("volume", "ls", tmp.resolve("volume").toString()).out()).doesNotContain("big.db");
    assertThat(cli.ok("volume", "check", tmp.resolve("volume").toString()).code()).isZero();
  }

  @Test
  void oneAgent_verifiesEveryNth_runsAScheduledRestore_reportsABadDefinitionAlone_reloadsOnSighup_inJsonLines()
      throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    for (int d = 0; d < 4; d++) {
      tinyDatabase(data.resolve("db" + d + ".db"), d);
    }
    cli.ok("node", "add", "shop", "--engine", "sqlite", "--data-directory", data.toString());
    cli.ok("agent", "add", "j1");
    cli.ok("agent", "update", "j1", "--set", "max_parallel_jobs=3");
    LocalTime due = LocalTime.now().minusMinutes(2);
    String cron = due.getMinute() + " " + due.getHour() + " * * *";
    for (int d = 0; d < 3; d++) {
      cli.ok("definition", "add", "--node", "shop", "--databases", "db" + d + ".db", "--agent", "j1", "--cron", cron,
          "--retention", "1 day", "--verify-every", d == 0 ? "1" : "0");
    }
    // As an older version might have left them: a minute that does not exist, a period no parser knows.
    catalog.execute("update definition set cron_minute = '61' where id = 2");
    catalog.execute("update definition set retention_period = '7 fortnights' where id = 3");
    catalog.execute("update definition set created_at = created_at - 3600000");
    // Heartbeats far apart: only SIGHUP can make this agent read its definitions again in time.
    Process agent = startAgent("j1", Map.of("COFFER_AGENT_HEARTBEAT", "10m", "COFFER_JOB_LEASE", "30m"),
        "--log-json");
    agents.add(agent);

    Await.until("both jobs to end",
        () -> catalog.count("select count(*) from job where state in ('SUCCEEDED', 'FAILED')") >= 2);
    assertThat(catalog.rows("select state, error, log from job where definition_id = 1").get(0))
        .containsEntry("state", "SUCCEEDED")
        .hasEntrySatisfying("log", log -> assertThat(log.toString()).contains("verification 1 PASSED"));
    assertThat(catalog.count("select count(*) from verification where status = 'PASSED'")).as("verify every 1")
        .isEqualTo(1);
    assertThat(catalog.rows("select state, error from job where definition_id = 3").get(0))
        .containsEntry("state", "FAILED").hasEntrySatisfying("error", e -> assertThat(e.toString())
            .contains("definition 3 in the catalog: retention \"7 fortnights\" is not valid"));
    assertThat(catalog.count("select count(*) from job where definition_id = 2")).as("the invalid cron").isZero();

    cli.ok("restore", "add", "1", "--target-node", "shop", "--target-database", "copy.db", "--agent", "j1");
    Await.until("the restore job to succeed",
        () -> catalog.count("select count(*) from job where type = 'RESTORE' and state = 'SUCCEEDED'") == 1);
    assertThat(Files.exists(data.resolve("copy.db"))).as("restored by the agent").isTrue();
    assertThat(catalog.count("select count(*) from restore_definition where status = 'DONE'")).isEqualTo(1);

    Path log = tmp.resolve("j1.log");
    assertThat(messages(log)).anySatisfy(m -> assertThat(m).contains("2 scheduled definition(s) loaded"))
        .anySatisfy(m -> assertThat(m).contains("definition 2: its schedule \"61 ")
            .contains("in the catalog is invalid"));
    cli.ok("definition", "add", "--node", "shop", "--databases", "db3.db", "--agent", "j1", "--cron", "0 3 * * *",
        "--retention", "1 day");
    new ProcessBuilder("kill", "-HUP", Long.toString(agent.pid())).start().waitFor(10, TimeUnit.SECONDS);
    Await.until("the agent to load 3 scheduled definitions",
        () -> messages(log).stream().anyMatch(m -> m.contains("3 scheduled definition(s) loaded")));
    assertThat(messages(log)).anySatisfy(m -> assertThat(m).isEqualTo("SIGHUP: reloading definitions"));

    agent.destroy();
    assertThat(agent.waitFor(30, TimeUnit.SECONDS)).as("agent stopped on SIGTERM").isTrue();
    List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as("log lines").hasSizeGreaterThan(5).allSatisfy(line -> {
      assertThat(JSON.readTree(line).path("formattedMessage").isTextual()).as(line).isTrue();
      assertThat(line).doesNotContain(io.coffer.cli.Cli.PASSPHRASE);
    });
    assertThat(messages(log)).anySatisfy(m -> assertThat(m).contains("agent j1 stopped"));
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** The messages of an agent's JSON log so far (a line not yet whole is left out). */
  private static List<String> messages(Path log) throws IOException {
    List<String> messages = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      try {
        messages.add(JSON.readTree(line).path("formattedMessage").asText());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        messages.add(line);
      }
    }
    return messages;
  }

  @Test
  void anAgentStartedUnderNohup_saysSighupCannotReloadIt_andRuns() throws Exception {
    cli.ok("agent", "add", "j3");
    Map<String, String> variables = new HashMap<>(catalog.agentVariables("j3", tmp.resolve("home-j3")));
    variables.put("COFFER_CONFIG", tmp.resolve("coffer.yaml").toString());
    Path log = tmp.resolve("j3.log");
    // nohup starts it with SIGHUP ignored, and a JVM cannot catch a signal it inherited ignored.
    Process agent = ChildCoffer.start(List.of("nohup"), log, variables, List.of(), "agent", "run");
    agents.add(agent);

    Await.until("the agent to load its definitions",
        () -> messages(log).stream().anyMatch(m -> m.contains("scheduled definition(s) loaded")));
    assertThat(messages(log)).anySatisfy(m -> assertThat(m).contains("SIGHUP is ignored by this process")
        .contains("catalog changes are still noticed every heartbeat"));
    assertThat(agent.isAlive()).isTrue();
  }

  @Test
  void aBackupRunByHand_isAJobThatAbortStops_andWhoseKilledProcessIsEndedByTheNextCommand() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    bigDatabase(data.resolve("big.db"));
    cli.ok("node", "add", "big", "--engine", "sqlite", "--data-directory", data.toString());
    Map<String, String> variables = new HashMap<>(catalog.agentVariables("backup01", tmp.resolve("home-hand")));
    variables.put("COFFER_CONFIG", tmp.resolve("coffer.yaml").toString());
    variables.put("COFFER_AGENT_HEARTBEAT", "300ms");
    variables.put("COFFER_JOB_LEASE", "2s");

    Process run = ChildCoffer.start(tmp.resolve("hand.log"), variables, ChildCoffer.INTERPRETED, "backup", "run",
        "--node", "big", "--database", "big.db");
    agents.add(run);
    long backup = awaitRunningBackup();
    assertThat(catalog.rows("select parameters from job where state = 'RUNNING'").get(0).get("parameters"))
        .isEqualTo("run by hand: backup run --node big --databases big.db --kind FULL --level 0 --volume vault");
    assertThat(cli.ok("backup", "list", "--running").out()).contains("Backup is active").contains("big");
    cli.ok("backup", "abort", Long.toString(backup));
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("the run stopped").isTrue();
    assertThat(run.exitValue()).isEqualTo(1);
    assertThat(catalog.rows("select state, error from job where backup_id = " + backup).get(0))
        .containsEntry("state", "ABORTED")
        .hasEntrySatisfying("error", e -> assertThat(e.toString()).contains("aborted on request"));
    assertThat(catalog.rows("select status from backup where id = " + backup).get(0)).containsEntry("status", "ABORTED");

    Process killed = ChildCoffer.start(tmp.resolve("hand-killed.log"), variables, ChildCoffer.INTERPRETED, "backup",
        "run", "--node", "big", "--database", "big.db");
    agents.add(killed);
    long second = awaitRunningBackup();
    killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    // Any command ends the jobs whose lease ran out; its process is gone, so it is not queued again.
    Await.until("a command to fail the killed process's job", () -> {
      cli.ok("job", "list");
      return catalog.count("select count(*) from job where state = 'FAILED' and backup_id = " + second) == 1;
    });
    assertThat(catalog.count("select count(*) from job where state in ('QUEUED', 'RUNNING')")).isZero();
    assertThat(catalog.rows("select error from job where backup_id = " + second).get(0).get("error").toString())
        .startsWith("the process that ran it by hand (pid " + killed.pid() + " on ");
    assertThat(catalog.rows("select status from backup where id = " + second).get(0)).containsEntry("status", "FAILED");
    assertThat(cli.ok("volume", "check", tmp.resolve("volume").toString()).code()).isZero();
  }

  /** The id of the backup a RUNNING job is making, once bytes flow. */
  private long awaitRunningBackup() throws Exception {
    Await.until("a RUNNING job's backup to read its first bytes",
        () -> catalog.count("select count(*) from job where state = 'RUNNING' and backup_id is not null"
            + " and bytes_done > 0") == 1);
    return catalog.count("select backup_id from job where state = 'RUNNING'");
  }

  private Process startAgent(String name) throws IOException {
    return startAgent(name, Map.of());
  }

  private Process startAgent(String name, Map<String, String> extra, String... options) throws IOException {
    return startAgent(name, extra, List.of(), options);
  }

  private Process startAgent(String name, Map<String, String> extra, List<String> jvm, String... options)
      throws IOException {
    Map<String, String> variables = new HashMap<>(catalog.agentVariables(name, tmp.resolve("home-" + name)));
    variables.put("COFFER_CONFIG", tmp.resolve("coffer.yaml").toString());
    variables.putAll(extra);
    Path log = tmp.resolve(name + ".log");
    if (Files.exists(log)) {
      Files.move(log, tmp.resolve(name + "-" + System.nanoTime() + ".log"));
    }
    List<String> args = new ArrayList<>(List.of("agent", "run"));
    args.addAll(List.of(options));
    return ChildCoffer.start(log, variables, jvm, args.toArray(String[]::new));
  }

  /** The most jobs that ran at once with the same value in {@code column}, from their claim and end times. */
  private static int mostAtOnce(List<Map<String, Object>> jobs, String column) {
    Map<Object, List<long[]>> events = new HashMap<>();
    for (Map<String, Object> job : jobs) {
      long start = ((Number) job.get("claimed_at")).longValue();
      long end = ((Number) job.get("finished_at")).longValue();
      List<long[]> list = events.computeIfAbsent(job.get(column), k -> new ArrayList<>());
      list.add(new long[] {start, 1});
      list.add(new long[] {end, -1});
    }
    int most = 0;
    for (List<long[]> list : events.values()) {
      list.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
      int now = 0;
      for (long[] e : list) {
        now += (int) e[1];
        most = Math.max(most, now);
      }
    }
    return most;
  }

  private static void tinyDatabase(Path file, int seed) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("create table t (id integer primary key, v text)");
      s.execute("insert into t (v) values ('row of database " + seed + "')");
    }
  }

  /** About 64 MiB that do not compress, so that a backup of it lasts long enough to be stopped. */
  private static void bigDatabase(Path file) throws SQLException {
    Random random = new Random(7);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("create table blobs (id integer primary key, data blob)");
      }
      try (PreparedStatement insert = c.prepareStatement("insert into blobs (data) values (?)")) {
        byte[] bytes = new byte[1 << 20];
        for (int i = 0; i < 64; i++) {
          random.nextBytes(bytes);
          insert.setBytes(1, bytes);
          insert.executeUpdate();
        }
      }
      c.commit();
    }
  }
}
