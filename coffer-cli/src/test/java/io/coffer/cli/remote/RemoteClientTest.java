package io.coffer.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.access.Role;
import io.coffer.cli.Cli;
import io.coffer.cli.CliHarness;
import io.coffer.engine.Coffer;
import io.coffer.engine.agent.AgentDaemon;
import io.coffer.engine.config.ConfigLoader;
import io.coffer.engine.demo.SampleDatabase;
import io.coffer.model.Host;
import io.coffer.server.ApiServer;
import io.coffer.server.ServerSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coffer --server URL …} against a real server over TLS (its self-signed certificate, pinned
 * by fingerprint or trusted as a CA file) with a real agent that carries out what it queues, and
 * real tokens: the laptop has no catalog, and what it prints is what the same command prints on
 * the server's host.
 */
class RemoteClientTest {

  @TempDir static Path dir;
  static CliHarness host;
  static CliHarness laptop;
  static Coffer coffer;
  static ApiServer server;
  static AgentDaemon agent;
  static Path operator;
  static Path viewer;
  static String fingerprint;

  @BeforeAll
  static void start() throws IOException {
    host = new CliHarness(dir.resolve("host"));
    host.registerBasics();
    SampleDatabase.ofSize(7, 200_000).create(host.data.resolve("shop.db"));
    host.ok("agent", "add", "elsewhere");
    host.ok("definition", "add", "--node", "shop", "--databases", "shop.db", "--cron", "0 2 * * *", "--agent",
        "elsewhere");
    coffer = Coffer.open(new ConfigLoader(Map.of("COFFER_HOME", host.home.toString(), "COFFER_AGENT", "backup01",
        "COFFER_AGENT_POLL", "100ms", "COFFER_AGENT_HEARTBEAT", "200ms"), host.root,
        host.root.resolve("coffer.yaml")).load(), location -> Cli.PASSPHRASE.toCharArray());
    coffer.access().addUser("ops", Role.OPERATOR, "a long enough password".toCharArray());
    coffer.access().addUser("watcher", Role.VIEWER, "a long enough password".toCharArray());
    operator = Files.writeString(dir.resolve("ops.token"), coffer.access().createToken("ops", "laptop", null).secret()
        + "\n");
    viewer = Files.writeString(dir.resolve("viewer.token"), coffer.access().createToken("watcher", "laptop", null)
        .secret() + "\n");
    server = ApiServer.start(coffer, ServerSettings.defaults(host.home).listen("127.0.0.1:0"));
    fingerprint = server.certificate().orElseThrow().fingerprint();
    agent = coffer.agentDaemon(Clock.systemUTC(), "test");
    agent.start();
    laptop = new CliHarness(dir.resolve("laptop"));
  }

  @AfterAll
  static void stop() {
    if (agent != null) {
      agent.stop(Duration.ofSeconds(10));
    }
    if (server != null) {
      server.close();
    }
    if (coffer != null) {
      coffer.close();
    }
  }

  /** {@code coffer --server URL --token-file FILE --server-fingerprint SHA256 args…} from the laptop. */
  static Cli.Result remote(Path token, String... args) {
    List<String> all = new ArrayList<>(List.of("--server", "https://127.0.0.1:" + server.port(), "--token-file",
        token.toString(), "--server-fingerprint", fingerprint));
    all.addAll(List.of(args));
    return laptop.run(all.toArray(String[]::new));
  }

  @Test
  void aBackupRunThroughTheServer_isFollowedToItsEnd_andListedAsOnTheServersHost() {
    Cli.Result run = remote(operator, "backup", "run", "--node", "shop", "--database", "shop.db", "--json");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.json().path("job").path("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(run.json().path("backup").path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(run.err()).contains("following job " + run.json().path("job").path("id").asLong() + " (BACKUP");
    long backup = run.json().path("backup").path("id").asLong();
    for (String[] command : List.of(new String[] {"backup", "list"}, new String[] {"backup", "list", "--json"},
        new String[] {"backup", "list", "--since", "2000-01-01"}, new String[] {"backup", "list", "--since", "2999-01-01"},
        new String[] {"job", "list"}, new String[] {"node", "list"}, new String[] {"definition", "list"},
        new String[] {"definition", "show", "1"}, new String[] {"job", "show", "1"})) {
      Cli.Result there = remote(operator, command);
      Cli.Result here = host.run(command);
      assertThat(there.code()).as(String.join(" ", command) + ": " + there.err()).isZero();
      assertThat(there.out()).as(String.join(" ", command)).isEqualTo(here.out());
    }
    Cli.Result show = remote(operator, "backup", "show", Long.toString(backup));
    assertThat(show.code()).as(show.err()).isZero();
    assertThat(show.out()).contains("Backup id").contains("SUCCEEDED").contains("shop.db")
        .contains("never (coffer backup verify " + backup + ")");
    assertThat(Files.exists(laptop.home.resolve("catalog.db"))).as("the laptop opened no catalog").isFalse();
  }

  @Test
  void verifyAndRestore_runThroughTheServer_andThePlanComesFirst() {
    long backup = remote(operator, "backup", "run", "--node", "shop", "--database", "shop.db", "--json").json()
        .path("backup").path("id").asLong();

    Cli.Result verified = remote(operator, "backup", "verify", Long.toString(backup));
    Cli.Result plan = remote(operator, "restore", "run", Long.toString(backup), "--target-node", "shop",
        "--target-database", "copy.db", "--dry-run");
    Cli.Result restored = remote(operator, "restore", "run", Long.toString(backup), "--target-node", "shop",
        "--target-database", "copy.db");
    Cli.Result noNode = remote(operator, "restore", "run", Long.toString(backup), "--target-database", "other.db");

    assertThat(verified.code()).as(verified.out() + verified.err()).isZero();
    assertThat(verified.out()).contains("PASSED");
    assertThat(plan.code()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("copy.db").contains("Dry run: nothing was changed.");
    assertThat(Files.exists(host.data.resolve("copy.db"))).as("the restore ran after the plan").isTrue();
    assertThat(restored.code()).as(restored.out() + restored.err()).isZero();
    assertThat(restored.out()).contains("[Done] restore").contains("copy.db");
    assertThat(noNode.code()).as("a backup of databases names the node to restore to").isNotZero();
    assertThat(noNode.err()).contains("target-node");
    assertThat(host.data.resolve("other.db")).doesNotExist();
    Cli.Result shownThere = remote(operator, "backup", "show", Long.toString(backup));
    Cli.Result shownHere = host.run("backup", "show", Long.toString(backup));
    assertThat(shownThere.code()).as(shownThere.err()).isZero();
    assertThat(shownThere.out()).as("the verification as on the server's host").contains("PASSED")
        .isEqualTo(shownHere.out());
  }

  @Test
  void verifyOnAnotherNode_withItsJobs_travelsToTheAgent_andBadValuesAreRefusedBeforeAnythingIsQueued()
      throws IOException {
    long backup = remote(operator, "backup", "run", "--node", "shop", "--database", "shop.db", "--json").json()
        .path("backup").path("id").asLong();
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere-" + System.nanoTime()));
    String node = "copies" + System.nanoTime() % 100_000;
    host.ok("node", "add", node, "--engine", "sqlite", "--data-directory", elsewhere.toString());
    int jobsBefore = host.run("job", "list", "--json").json().size();

    Cli.Result tooMany = remote(operator, "backup", "verify", Long.toString(backup), "--jobs", "99");
    Cli.Result noSuchNode = remote(operator, "backup", "verify", Long.toString(backup), "--on-node", "nowhere");
    assertThat(tooMany.code()).isNotZero();
    assertThat(tooMany.err()).contains("(400)").contains("jobs").contains("99");
    assertThat(noSuchNode.code()).isNotZero();
    assertThat(noSuchNode.err()).contains("nowhere");
    assertThat(host.run("job", "list", "--json").json().size()).as("nothing queued").isEqualTo(jobsBefore);

    Cli.Result verified = remote(operator, "backup", "verify", Long.toString(backup), "--on-node", node, "--jobs",
        "2");
    assertThat(verified.code()).as(verified.out() + verified.err()).isZero();
    assertThat(host.run("backup", "show", Long.toString(backup)).out()).contains("PASSED").contains(" on " + node + ":");
  }

  @Test
  void restoreOptions_theServerCannotCarry_areRefusedByName_beforeAnythingIsQueued() {
    long backup = remote(operator, "backup", "run", "--node", "shop", "--database", "shop.db", "--json").json()
        .path("backup").path("id").asLong();
    int jobsBefore = host.run("job", "list", "--json").json().size();

    Cli.Result jobs = remote(operator, "restore", "run", Long.toString(backup), "--target-node", "shop",
        "--target-database", "other.db", "--jobs", "3");
    Cli.Result startCommand = remote(operator, "restore", "run", Long.toString(backup), "--target-node", "shop",
        "--start-command", "echo secret-looking-command");
    Cli.Result filesOfADatabase = remote(operator, "restore", "run", Long.toString(backup), "--target-node", "shop",
        "--target-dir", dir.resolve("nowhere").toString());

    assertThat(jobs.code()).isNotZero();
    assertThat(jobs.err()).contains("jobs").contains("3").contains("--target-node");
    assertThat(startCommand.code()).isNotZero();
    assertThat(startCommand.err()).contains("start-command").doesNotContain("secret-looking-command");
    assertThat(filesOfADatabase.code()).isNotZero();
    assertThat(filesOfADatabase.err()).contains("(400)").contains("target-dir").contains("FILES or PHYSICAL");
    assertThat(host.run("job", "list", "--json").json().size()).as("nothing queued").isEqualTo(jobsBefore);
    assertThat(host.data.resolve("other.db")).doesNotExist();
    assertThat(dir.resolve("nowhere")).doesNotExist();
  }

  @Test
  void aFilesBackup_isRestoredThroughTheServer_intoTheDirectoryAsked_andOnePathOfIt() throws IOException {
    Path tree = Files.createDirectories(dir.resolve("tree-" + System.nanoTime()));
    Files.createDirectories(tree.resolve("sub"));
    Files.writeString(tree.resolve("a.txt"), "a");
    Files.writeString(tree.resolve("sub/b.txt"), "b");
    String node = "tree" + System.nanoTime() % 100_000;
    host.ok("node", "add", node, "--engine", "filesystem", "--data-directory", tree.toString());
    String backup = remote(operator, "backup", "run", "--node", node, "--kind", "FILES", "--json").json()
        .path("backup").path("id").asText();
    Path wanted = dir.resolve("wanted-" + System.nanoTime());
    Path onlySub = dir.resolve("only-sub-" + System.nanoTime());

    // No --target-node: a FILES backup goes back to its own node, as restore run on the host has it.
    Cli.Result whole = remote(operator, "restore", "run", backup, "--target-dir", wanted.toString());
    Cli.Result part = remote(operator, "restore", "run", backup, "--target-node", node, "--target-dir",
        onlySub.toString(), "--path", "sub");
    // The directory holds files now; only an agent on this host sees them.
    coffer.catalog().agents().start("remote01", "test", Duration.ofMinutes(1), "db9-" + Host.name() + "#0123456789ab");
    Cli.Result planElsewhere = remote(operator, "restore", "run", backup, "--target-node", node, "--target-dir",
        wanted.toString(), "--agent", "remote01", "--dry-run");
    Cli.Result planHere = remote(operator, "restore", "run", backup, "--target-node", node, "--target-dir",
        wanted.toString(), "--agent", "backup01", "--dry-run");
    Files.writeString(wanted.resolve("a.txt"), "changed");
    Cli.Result forced = remote(operator, "restore", "run", backup, "--target-node", node, "--target-dir",
        wanted.toString(), "--force");
    Cli.Result relative = remote(operator, "restore", "run", backup, "--target-node", node, "--target-dir", "rel");
    Cli.Result noSuchAgent = remote(operator, "restore", "run", backup, "--target-node", node, "--target-dir",
        dir.resolve("never-" + System.nanoTime()).toString(), "--agent", "nobody-here");
    Cli.Result agentHere = host.run("restore", "run", backup, "--target-dir", dir.resolve("here").toString(),
        "--agent", "backup01");

    assertThat(whole.code()).as(whole.out() + whole.err()).isZero();
    assertThat(wanted.resolve("sub/b.txt")).hasContent("b");
    assertThat(part.code()).as(part.out() + part.err()).isZero();
    assertThat(onlySub.resolve("b.txt")).hasContent("b");
    assertThat(onlySub.resolve("a.txt")).doesNotExist();
    assertThat(planElsewhere.code()).as(planElsewhere.out() + planElsewhere.err()).isZero();
    assertThat(planElsewhere.out()).contains("agent remote01 checks them on its host db9-" + Host.name())
        .contains("Dry run: nothing was changed.");
    assertThat(planHere.code()).isNotZero();
    assertThat(planHere.err()).contains("target-dir \"" + wanted + "\" is not valid (it is not empty)");
    assertThat(forced.code()).as("replacing what is there is an admin's").isNotZero();
    assertThat(forced.err()).contains("(403)").contains("force");
    assertThat(wanted.resolve("a.txt")).hasContent("changed");
    assertThat(relative.code()).isNotZero();
    assertThat(relative.err()).contains("target-dir").contains("absolute");
    assertThat(noSuchAgent.code()).isNotZero();
    assertThat(noSuchAgent.err()).contains("nobody-here");
    assertThat(agentHere.code()).isNotZero();
    assertThat(agentHere.err()).contains("agent").contains("--server");
    assertThat(dir.resolve("here")).doesNotExist();

    // A backup taken on the host by hand names no agent: through the server, --agent says which.
    String byHand = host.run("backup", "run", "--node", node, "--kind", "FILES", "--json").json().path("id").asText();
    Path viaAgent = dir.resolve("via-agent-" + System.nanoTime());
    Cli.Result withAgent = remote(operator, "restore", "run", byHand, "--target-node", node, "--target-dir",
        viaAgent.toString(), "--agent", "backup01");
    assertThat(withAgent.code()).as(withAgent.out() + withAgent.err()).isZero();
    assertThat(viaAgent.resolve("a.txt")).hasContent("a");
  }

  @Test
  void aFilesBackupsShow_throughTheServer_holdsWhatItCopied_asOnTheServersHost() throws IOException {
    Path tree = Files.createDirectories(dir.resolve("files-" + System.nanoTime()));
    Files.writeString(tree.resolve("a.txt"), "a");
    String node = "files" + System.nanoTime() % 100_000;
    Cli.Result added = host.run("node", "add", node, "--engine", "filesystem", "--data-directory", tree.toString());
    assertThat(added.code()).as(added.err()).isZero();
    Cli.Result run = remote(operator, "backup", "run", "--node", node, "--kind", "FILES", "--json");
    assertThat(run.code()).as(run.err()).isZero();
    String backup = run.json().path("backup").path("id").asText();

    Cli.Result there = remote(operator, "backup", "show", backup);
    Cli.Result here = host.run("backup", "show", backup);

    assertThat(there.code()).as(there.err()).isZero();
    assertThat(there.out()).contains("Data directory").contains(tree.toString()).contains("Files")
        .isEqualTo(here.out());
    Cli.Result never = remote(operator, "backup", "show", backup);
    assertThat(never.out()).contains("never (coffer backup verify " + backup + ")");
  }

  @Test
  void aQueuedJob_isAbortedThroughTheServer_andAbortingAFinishedBackupShowsTheServersReason() {
    Cli.Result queued = remote(operator, "backup", "run", "1", "--no-wait", "--json");
    assertThat(queued.code()).as(queued.err()).isZero();
    long job = queued.json().path("job-id").asLong();

    Cli.Result aborted = remote(operator, "job", "abort", Long.toString(job));
    Cli.Result finished = remote(operator, "backup", "abort", Long.toString(firstBackup()));

    assertThat(aborted.code()).as(aborted.err()).isZero();
    assertThat(aborted.out()).contains("[Done] job " + job + " ABORTED");
    assertThat(finished.code()).isNotZero();
    assertThat(finished.err()).contains("no running job makes it");
  }

  private static long firstBackup() {
    Cli.Result run = remote(operator, "backup", "run", "--node", "shop", "--database", "shop.db", "--json");
    return run.json().path("backup").path("id").asLong();
  }

  @Test
  void refusals_areTheServersWords_orNameWhatIsWrong() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.token"), "not-a-token\n");
    String url = "https://127.0.0.1:" + server.port();

    Cli.Result unknownToken = remote(bad, "backup", "list");
    Cli.Result viewerRuns = remote(viewer, "backup", "run", "--node", "shop", "--database", "shop.db");
    Cli.Result viewerLists = remote(viewer, "backup", "list");
    Cli.Result tokenArgument = laptop.run("--server", url, "--token", "secret-in-ps", "backup", "list");
    Cli.Result wrongPin = laptop.run("--server", url, "--token-file", operator.toString(), "--server-fingerprint",
        "SHA256:" + "AB:".repeat(31) + "AB", "backup", "list");
    Cli.Result unpinned = laptop.run("--server", url, "--token-file", operator.toString(), "backup", "list");
    Cli.Result caFile = laptop.run("--server", url, "--token-file", operator.toString(), "--ca-file",
        host.home.resolve("server").resolve("server-cert.pem").toString(), "job", "list");
    Cli.Result plainHttp = laptop.run("--server", "http://127.0.0.1:" + server.port(), "--token-file",
        operator.toString(), "backup", "list");
    Cli.Result noRemoteForm = remote(operator, "node", "add", "x", "--engine", "sqlite", "--data-directory", "/x");
    Cli.Result notACatalogCommand = remote(operator, "volume", "ls", dir.resolve("nothing").toString());
    int closed = freePort();
    Cli.Result refused = laptop.run("--server", "https://127.0.0.1:" + closed, "--token-file", operator.toString(),
        "--server-fingerprint", fingerprint, "backup", "list");

    assertThat(unknownToken.code()).isNotZero();
    assertThat(unknownToken.err()).contains("(401)");
    assertThat(viewerRuns.code()).isNotZero();
    assertThat(viewerRuns.err()).contains("(403)").contains("watcher");
    assertThat(viewerLists.code()).as(viewerLists.err()).isZero();
    assertThat(tokenArgument.code()).isNotZero();
    assertThat(tokenArgument.err()).contains("--token is refused").doesNotContain("secret-in-ps");
    assertThat(wrongPin.code()).isNotZero();
    assertThat(wrongPin.err()).contains("not trusted").contains(fingerprint);
    assertThat(unpinned.code()).isNotZero();
    assertThat(unpinned.err()).contains("not trusted");
    assertThat(caFile.code()).as(caFile.err()).isZero();
    assertThat(plainHttp.code()).isNotZero();
    assertThat(plainHttp.err()).contains("--insecure-http");
    assertThat(noRemoteForm.code()).isNotZero();
    assertThat(noRemoteForm.err()).contains("coffer node add does not run against a server");
    assertThat(notACatalogCommand.code()).isNotZero();
    assertThat(notACatalogCommand.err()).contains("coffer volume ls does not run against a server");
    assertThat(refused.code()).isNotZero();
    assertThat(refused.err()).contains("https://127.0.0.1:" + closed);
    assertThat(Files.exists(laptop.home.resolve("catalog.db"))).isFalse();
  }

  @Test
  void theServerAndTokenFile_mayComeFromTheEnvironment() {
    CliHarness configured = laptop;
    configured.variable("COFFER_CLIENT_SERVER", "https://127.0.0.1:" + server.port())
        .variable("COFFER_CLIENT_SERVER_FINGERPRINT", fingerprint)
        .variable("COFFER_CLIENT_TOKEN_FILE", operator.toString());
    try {
      Cli.Result nodes = configured.run("node", "list");
      assertThat(nodes.code()).as(nodes.err()).isZero();
      assertThat(nodes.out()).isEqualTo(host.run("node", "list").out());
    } finally {
      configured.variable("COFFER_CLIENT_SERVER", "").variable("COFFER_CLIENT_SERVER_FINGERPRINT", "")
          .variable("COFFER_CLIENT_TOKEN_FILE", "");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
