package io.coffer.cli.definition;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code coffer definition}: scheduled backups. */
@Command(name = "definition", description = "Define scheduled backups: what, from which node, when, how, how long.",
    subcommands = {DefinitionAdd.class, DefinitionList.class, DefinitionShow.class, DefinitionUpdateCommand.class,
        DefinitionRemove.class, DefinitionMove.class})
public final class DefinitionCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
