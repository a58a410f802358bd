package io.coffer.cli;

import io.coffer.repo.crypto.KdfParams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs coffer commands in-process against a home in a temporary directory: an SQLite catalog, the
 * agent backup01, the volume passphrase in COFFER_PASSWORD, an empty coffer.yaml so that no file of
 * the machine is read.
 */
public final class CliHarness {

  public static final String PASSPHRASE = "cli-test-passphrase";

  /** What a command printed and returned. */
  public record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  public final Path root;
  public final Path data;
  public final Path home;
  private final Map<String, String> variables = new HashMap<>();

  public CliHarness(Path root) throws IOException {
    this.root = root;
    this.data = Files.createDirectories(root.resolve("data"));
    this.home = root.resolve("home");
    Path config = Files.writeString(root.resolve("coffer.yaml"), "");
    variables.put("COFFER_HOME", home.toString());
    variables.put("COFFER_CONFIG", config.toString());
    variables.put("COFFER_AGENT", "backup01");
    variables.put("COFFER_PASSWORD", PASSPHRASE);
  }

  public Environment environment() {
    return new Environment(variables, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
        Optional.empty(), Optional.empty(), KdfParams.weakForTests());
  }

  public CliHarness variable(String name, String value) {
    variables.put(name, value);
    return this;
  }

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CofferCommand.newCommandLine(environment()).setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true)).execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs a command that must succeed. */
  public Result ok(String... args) {
    Result result = run(args);
    if (result.code() != 0) {
      throw new AssertionError("coffer " + String.join(" ", args) + " failed: " + result);
    }
    return result;
  }

  /** A volume, an agent, a sqlite node "shop" over the data directory and the volume registered as "vault". */
  public void registerBasics() {
    ok("volume", "init", root.resolve("volume").toString());
    ok("agent", "add", "backup01");
    ok("volume", "add", "vault", root.resolve("volume").toString());
    ok("node", "add", "shop", "--engine", "sqlite", "--data-directory", data.toString());
  }
}
