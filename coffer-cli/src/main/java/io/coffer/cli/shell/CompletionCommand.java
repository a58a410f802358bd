package io.coffer.cli.shell;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code coffer completion}: prints the bash (and zsh) completion script picocli generates. */
@Command(name = "completion", description = {"Print a bash completion script for coffer.",
    "Use it with: source <(coffer completion)"})
public final class CompletionCommand implements Runnable {

  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  private boolean help;

  @Override
  public void run() {
    spec.commandLine().getOut().print(AutoComplete.bash("coffer", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
  }
}
