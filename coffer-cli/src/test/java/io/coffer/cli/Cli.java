package io.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.output.JsonOutput;
import io.coffer.cli.passphrase.PassphrasePrompt;
import io.coffer.repo.MasterKeys;
import io.coffer.repo.TestData;
import io.coffer.repo.crypto.KdfParams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs coffer commands in-process with captured output: an environment map instead of the process's,
 * cheap key derivation, volume master keys drawn from the run's seed, no terminal. Each {@link #run} builds a
 * fresh command line the way a new process does ({@link CofferCommand#forArguments}: only the named command).
 *
 * <p>Every Cli has a Coffer home and an empty coffer.yaml of its own ({@code COFFER_HOME}, {@code
 * COFFER_CONFIG}), so that no test reads the user's default home ({@code ~/.local/share/coffer}) or
 * {@code ~/.config/coffer}: a stale catalog left there by another build broke the tests that used
 * the default. Tests that need a home they can see set their own ({@link CliHarness} does).
 */
public final class Cli {

  public static final String PASSPHRASE = "correct horse battery staple";

  private final Map<String, String> variables = new HashMap<>(Map.of("COFFER_PASSWORD", PASSPHRASE));
  private final MasterKeys masterKeys = TestData.masterKeys(volumeKeysPurpose());

  public Cli() {
    Path own = OwnHomes.create();
    variables.put("COFFER_HOME", own.resolve("home").toString());
    variables.put("COFFER_CONFIG", own.resolve("coffer.yaml").toString());
  }
  private byte[] stdin = new byte[0];
  private Optional<PassphrasePrompt> prompt = Optional.empty();

  /** What a command printed and returned. */
  public record Result(int code, String out, String err, byte[] stdout) {
    public JsonNode json() {
      try {
        return JsonOutput.MAPPER.readTree(out);
      } catch (java.io.IOException e) {
        throw new AssertionError("not JSON: " + out, e);
      }
    }
  }

  public Cli set(String variable, String value) {
    if (value == null) {
      variables.remove(variable);
    } else {
      variables.put(variable, value);
    }
    return this;
  }

  /** The environment the commands see, for a child coffer that must see the same. */
  public Map<String, String> variables() {
    return Map.copyOf(variables);
  }

  public Cli stdin(byte[] bytes) {
    this.stdin = bytes.clone();
    return this;
  }

  public Cli prompt(PassphrasePrompt p) {
    this.prompt = Optional.of(p);
    return this;
  }

  public Result run(String... args) {
    ByteArrayOutputStream binary = new ByteArrayOutputStream();
    Environment env = new Environment(variables, new ByteArrayInputStream(stdin), binary, prompt, Optional.empty(), KdfParams.weakForTests(),
        masterKeys);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CofferCommand.forArguments(env, args).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    return new Result(code, out.toString(), err.toString(), binary.toByteArray());
  }

  /**
   * The purpose whose seed the master keys of this Cli's volumes come from: the keys of the test
   * class that made it, so each test draws the same keys whichever tests ran before it.
   */
  private static String volumeKeysPurpose() {
    String test = StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
        .map(name -> name.contains("$") ? name.substring(0, name.indexOf('$')) : name)
        .filter(name -> name.endsWith("Test")).findFirst()).orElse("a test");
    return "volume keys of " + test;
  }

  /** Runs a command that must succeed; fails the test with its stderr otherwise. */
  public Result ok(String... args) {
    Result r = run(args);
    if (r.code() != 0) {
      throw new AssertionError("coffer " + String.join(" ", args) + " exited " + r.code() + ": " + r.err() + r.out());
    }
    return r;
  }

  public static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
