package io.coffer.cli;

import io.coffer.catalog.access.Role;
import io.coffer.cli.progress.Terminals;
import io.coffer.engine.Coffer;
import io.coffer.engine.agent.AgentDaemon;
import io.coffer.engine.config.ConfigLoader;
import io.coffer.server.ApiServer;
import io.coffer.server.ServerSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The second training run of the {@code ./coffer} launcher: the class archive of the commands sent to
 * a server ({@code coffer --server URL …}), which the launcher maps instead of the archive of
 * {@link ClassArchiveTraining} when the command goes to a server: given {@code --server}, or one of
 * {@link io.coffer.cli.remote.Remote#COMMANDS} with client.server set (the launcher's comment says how
 * it tells).
 *
 * <p>Why an archive of their own: such a command loads the JDK's HTTP and TLS classes and the API's
 * JSON reading, which the first training never loads, and none of the catalog, drivers and
 * repository that fill most of that archive. Every start relocates the archive it maps (the JDK maps
 * it at a random address and patches its pointers, since 17.0.x), at a cost that grows with its
 * size: the archive of all commands cost a remote command about 0.08 s more than one of its own
 * (docs/benchmarks.md, "A command's fixed cost around the agent's work").
 *
 * <p>How: this process plays the agent's host, as {@code agent run --listen} does (the agent and its
 * API, over plain HTTP and over TLS, on loopback), and starts the client as a child JVM,
 * {@link Client}, that dumps the classes it loaded at its exit into the archive the launcher names:
 * only the client's classes go into it. Like the first training, it changes nothing outside the
 * directory it is given; when it fails, remote commands start with the first archive.
 */
public final class ClientArchiveTraining {

  /** Far longer than the training takes on two busy cores; a client that hangs must not hang the launcher. */
  private static final Duration CLIENT_LIMIT = Duration.ofMinutes(5);
  private static final String PASSPHRASE = "client-archive-training";

  private ClientArchiveTraining() {}

  /** {@code DIRECTORY ARCHIVE}: a throwaway directory, and the archive the client writes at its exit. */
  public static void main(String[] args) throws IOException, InterruptedException {
    Path root = Files.createDirectories(Path.of(args[0]));
    Path data = ClassArchiveTraining.database(root);
    Path volume = root.resolve("volume");
    Path config = Files.writeString(root.resolve("coffer.yaml"), "");
    Environment environment = ClassArchiveTraining.environment(root, config, PASSPHRASE);
    int failed = ClassArchiveTraining.run(environment, List.of(
        List.of("volume", "init", volume.toString()),
        List.of("agent", "add", "training"),
        List.of("volume", "add", "training", volume.toString()),
        List.of("node", "add", "files", "--engine", "sqlite", "--data-directory", data.toString())));
    if (failed > 0) {
      throw new IllegalStateException(failed + " command(s) preparing the training's catalog failed");
    }
    Path home = root.resolve("home");
    try (Coffer coffer = Coffer.open(new ConfigLoader(environment.variables(), root, config).load(),
        location -> PASSPHRASE.toCharArray())) {
      coffer.access().addUser("training", Role.OPERATOR, PASSPHRASE.toCharArray());
      Path token = Files.writeString(root.resolve("token"), coffer.access().createToken("training", "training", null)
          .secret());
      AgentDaemon agent = coffer.agentDaemon(Clock.systemUTC(), "training");
      try (ApiServer http = ApiServer.start(coffer, ServerSettings.defaults(home).insecure().listen("127.0.0.1:0"));
          ApiServer https = ApiServer.start(coffer, ServerSettings.defaults(home).listen("127.0.0.1:0"))) {
        agent.start();
        runClient(root, Path.of(args[1]), token, List.of(http.uri().toString(), https.uri().toString(),
            https.certificate().orElseThrow().fingerprint(), token.toString()));
      } finally {
        agent.stop(Duration.ofSeconds(10));
      }
    }
  }

  /** Runs {@link Client} in a JVM of its own, on this one's class path, dumping its classes into {@code archive}. */
  private static void runClient(Path root, Path archive, Path token, List<String> arguments) throws IOException,
      InterruptedException {
    // The options of the launcher's remote commands that decide what loads: jline is not asked.
    String classPath = System.getProperty("java.class.path");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1", "-D" + Terminals.TOLD + "=false"));
    // Classes from a directory (tests) cannot be archived, and the JVM fails its exit trying: the
    // client then runs all the same, without writing an archive.
    if (Stream.of(classPath.split(File.pathSeparator)).noneMatch(entry -> Files.isDirectory(Path.of(entry)))) {
      command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    }
    command.addAll(List.of("-cp", classPath, Client.class.getName()));
    command.addAll(arguments);
    Path log = root.resolve("client.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // A laptop's client: no catalog, nothing of this machine's configuration; a coffer.yaml of its
    // own, so that reading one is trained too.
    builder.environment().keySet().removeIf(name -> name.startsWith("COFFER_"));
    builder.environment().put("COFFER_HOME", root.resolve("laptop").toString());
    builder.environment().put("COFFER_CONFIG", Files.writeString(root.resolve("laptop.yaml"),
        "client:\n  token-file: " + token + "\n").toString());
    Process client = builder.start();
    if (!client.waitFor(CLIENT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      client.destroyForcibly();
      throw new IllegalStateException("the client of the training did not end within " + CLIENT_LIMIT);
    }
    if (client.exitValue() != 0) {
      List<String> lines = Files.readAllLines(log);
      throw new IllegalStateException("the client of the training ended with exit code " + client.exitValue() + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
    }
  }

  /**
   * The client: the commands a person sends to a server, each run as {@link Main} runs it, against
   * the agent of the training; exits 1 when any failed.
   */
  public static final class Client {

    private Client() {}

    /** {@code HTTP_URL HTTPS_URL FINGERPRINT TOKEN_FILE}. */
    public static void main(String[] args) {
      List<String> http = List.of("--server", args[0], "--insecure-http", "--token-file", args[3]);
      List<String> https = List.of("--server", args[1], "--server-fingerprint", args[2], "--token-file", args[3]);
      int failed = 0;
      for (List<String> command : List.of(
          List.of("backup", "run", "--node", "files", "--database", "training.db", "--json"),
          List.of("backup", "run", "--node", "files", "--database", "training.db"),
          List.of("backup", "list"),
          List.of("backup", "show", "1"),
          List.of("job", "list"),
          List.of("job", "show", "1"),
          List.of("node", "list"),
          List.of("restore", "run", "1", "--target-node", "files", "--target-database", "copy.db"),
          List.of("backup", "verify", "1"))) {
        failed += run(http, command);
      }
      failed += run(https, List.of("backup", "run", "--node", "files", "--database", "training.db", "--json"));
      failed += run(https, List.of("backup", "list"));
      System.exit(failed == 0 ? 0 : 1);
    }

    private static int run(List<String> server, List<String> command) {
      List<String> all = new ArrayList<>(server);
      all.addAll(command);
      String[] args = all.toArray(String[]::new);
      return CofferCommand.forArguments(Environment.system(), args).execute(args) == 0 ? 0 : 1;
    }
  }
}
