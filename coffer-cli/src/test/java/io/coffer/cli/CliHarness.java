package io.coffer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link Cli} with a Coffer home of its own in a temporary directory: an SQLite catalog, the agent
 * backup01, an empty coffer.yaml so that no configuration file of the machine is read, and helpers
 * that register a volume, an agent and an SQLite node.
 */
public final class CliHarness {

  public final Path root;
  public final Path data;
  public final Path home;
  private final Cli cli = new Cli();

  public CliHarness(Path root) throws IOException {
    this.root = root;
    this.data = Files.createDirectories(root.resolve("data"));
    this.home = root.resolve("home");
    Path config = Files.writeString(root.resolve("coffer.yaml"), "");
    cli.set("COFFER_HOME", home.toString()).set("COFFER_CONFIG", config.toString()).set("COFFER_AGENT", "backup01");
  }

  /** Sets an environment variable of the next commands, e.g. to use another catalog. */
  public CliHarness variable(String name, String value) {
    cli.set(name, value);
    return this;
  }

  /** Lines the next commands read from standard input (the shell's script). */
  public CliHarness stdin(String text) {
    cli.stdin(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return this;
  }

  /** Bytes the next commands read from standard input (a pipe's data). */
  public CliHarness stdin(byte[] bytes) {
    cli.stdin(bytes);
    return this;
  }

  public Cli.Result run(String... args) {
    return cli.run(args);
  }

  /** Starts {@code coffer args…} as a separate process with this harness's environment; output goes to {@code log}. */
  public Process child(Path log, String... args) throws IOException {
    return ChildCoffer.start(log, cli.variables(), args);
  }

  /** Like {@link #child(Path, String...)}, with these options for the child's JVM ({@link ChildCoffer#INTERPRETED}). */
  public Process child(Path log, java.util.List<String> jvmOptions, String... args) throws IOException {
    return ChildCoffer.start(log, cli.variables(), jvmOptions, args);
  }

  /** Runs a command that must succeed. */
  public Cli.Result ok(String... args) {
    return cli.ok(args);
  }

  /** A volume, the agent backup01, the volume registered as "vault" and a sqlite node "shop" over the data directory. */
  public void registerBasics() {
    ok("volume", "init", root.resolve("volume").toString());
    ok("agent", "add", "backup01");
    ok("volume", "add", "vault", root.resolve("volume").toString());
    ok("node", "add", "shop", "--engine", "sqlite", "--data-directory", data.toString());
  }
}
