package io.coffer.cli;

import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Which top-level commands a process must build to run its arguments: the one they name, or all of
 * them when the arguments need the whole tree (help, completion, an unknown or missing command,
 * something this reading does not understand). Reads the commands' annotations only, so that it
 * costs nothing like building them.
 */
final class CommandSelection {

  /** Commands that look at the whole tree: help lists it, completion writes a script for all of it. */
  private static final Set<String> NEED_ALL = Set.of("help", "completion");

  private CommandSelection() {}

  /**
   * The commands to build for {@code args} under a root whose options are {@code root}'s. When in
   * doubt all of them: picocli then parses exactly as it always did.
   */
  static List<Class<?>> needed(CommandSpec root, String[] args, List<Class<?>> commands) {
    boolean version = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("-")) {
        OptionSpec option = root.findOption(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg);
        if (option == null || option.usageHelp()) {
          return commands;
        }
        version |= option.versionHelp();
        if (option.arity().max() > 0 && !arg.contains("=")) {
          i++;
        }
        continue;
      }
      if (NEED_ALL.contains(arg)) {
        return commands;
      }
      for (Class<?> command : commands) {
        Command named = command.getAnnotation(Command.class);
        if (named.name().equals(arg) || List.of(named.aliases()).contains(arg)) {
          return List.of(command);
        }
      }
      return commands;
    }
    // No command named: only --version runs without the tree; the root alone prints the usage.
    return version ? List.of() : commands;
  }
}
