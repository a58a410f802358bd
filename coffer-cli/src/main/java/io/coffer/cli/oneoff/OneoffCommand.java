package io.coffer.cli.oneoff;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code coffer oneoff}. */
@Command(name = "oneoff", description = "Plan backups that run once at a given time.",
    subcommands = {OneoffAdd.class, OneoffList.class, OneoffShow.class, OneoffRemove.class})
public final class OneoffCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
