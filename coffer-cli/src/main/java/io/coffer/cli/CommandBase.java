package io.coffer.cli;

import io.coffer.cli.options.JsonOption;
import io.coffer.engine.config.CofferConfig;
import io.coffer.engine.config.ConfigLoader;
import java.nio.file.Path;
import io.coffer.cli.output.JsonOutput;
import io.coffer.cli.progress.TerminalProgress;
import io.coffer.repo.ProgressListener;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every command has: its spec, the {@code --json} switch, the environment of the root command,
 * the writers picocli was given and a progress listener for the terminal. The return value of
 * {@link #call()} is the exit code.
 */
public abstract class CommandBase implements Callable<Integer> {

  @Spec protected CommandSpec spec;

  @Mixin private JsonOption json;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  private boolean help;

  /** The configuration: {@code coffer.yaml} and {@code COFFER_*} variables of the environment. */
  protected CofferConfig config() {
    return new ConfigLoader(env().variables(), Path.of(System.getProperty("user.home")),
        Path.of("/etc", "coffer", "coffer.yaml")).load();
  }

  protected Environment env() {
    return CofferCommand.environment(spec);
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  protected boolean json() {
    return json.enabled();
  }

  protected void printJson(Object value) {
    JsonOutput.print(out(), value);
  }

  /** A bar on stderr when it is a terminal, else nothing. */
  protected ProgressListener progress() {
    return TerminalProgress.on(env().progress());
  }

  /** A usage error (exit code 2) naming the option, the value and what is accepted. */
  protected ParameterException badValue(String option, Object value, String accepted) {
    return new ParameterException(
        spec.commandLine(), "Invalid value for " + option + ": '" + value + "' is not accepted: " + accepted);
  }

  /** The value of {@code option} as typed (e.g. "512K" rather than 524288), or {@code fallback}. */
  protected String typed(String option, Object fallback) {
    OptionSpec o = spec.commandLine().getParseResult().matchedOption(option);
    return o == null || o.originalStringValues().isEmpty() ? String.valueOf(fallback) : o.originalStringValues().get(o.originalStringValues().size() - 1);
  }
}
