package io.coffer.cli.session;

import picocli.CommandLine.Option;

/**
 * A command that removes something: in the shell it asks "Are you sure you want to …?" first,
 * unless {@code --yes} was given (DESIGN rule 5: destructive operations never happen by accident).
 */
public abstract class DestructiveCommand extends EngineCommand {

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  private boolean yes;

  /** What the command will do, completing "Are you sure you want to …?". */
  protected abstract String action();

  @Override
  protected final String confirmation() {
    return "Are you sure you want to " + action() + "?";
  }

  @Override
  protected final boolean assumeYes() {
    return yes;
  }
}
