package io.coffer.cli.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * How a refused command is worded in the history: the action ({@code backup verify}), its subject
 * ({@code backup 99}) and the request as typed, with the values of options that may hold a secret
 * left out (someone may type a password where a credential reference belongs).
 */
final class RefusedCommand {

  /** The verbs of commands that change something; reads (list, show) are not history. */
  private static final Set<String> CHANGING =
      Set.of("add", "update", "remove", "move", "run", "run-due", "verify", "delete", "abort", "apply");
  private static final Pattern SECRET = Pattern.compile("credential|password|passphrase|secret|token");

  private RefusedCommand() {}

  static boolean changes(CommandSpec spec) {
    return CHANGING.contains(spec.name());
  }

  /** {@code backup verify}: the command's words without {@code coffer}. */
  static String action(CommandSpec spec) {
    String qualified = spec.qualifiedName(" ");
    return qualified.startsWith(spec.root().name() + " ") ? qualified.substring(spec.root().name().length() + 1)
        : qualified;
  }

  /**
   * What the command was about: the first parameter under its noun ({@code backup 99} for {@code
   * backup verify 99}, {@code backup 2} for {@code restore run 2} whose parameter is BACKUP_ID), or
   * the command's group when it has none.
   */
  static String subject(CommandSpec spec) {
    String group = spec.parent() == null ? spec.name() : spec.parent().name();
    ParseResult parsed = spec.commandLine().getParseResult();
    for (PositionalParamSpec positional : spec.positionalParameters()) {
      if (parsed.hasMatchedPositional(positional.index().min()) && !positional.originalStringValues().isEmpty()) {
        String label = positional.paramLabel();
        String noun = label.endsWith("_ID") ? label.substring(0, label.length() - 3).toLowerCase(Locale.ROOT) : group;
        return noun + " " + positional.originalStringValues().get(0);
      }
    }
    return group;
  }

  /** The parameters and options as typed, e.g. {@code 99 --on-node pg2}; secrets as (hidden). */
  static String request(CommandSpec spec) {
    ParseResult parsed = spec.commandLine().getParseResult();
    List<String> words = new ArrayList<>();
    for (PositionalParamSpec positional : spec.positionalParameters()) {
      positional.originalStringValues().forEach(v -> words.add(quoted(v)));
    }
    for (OptionSpec option : parsed.matchedOptions()) {
      if (option.usageHelp() || option.versionHelp()) {
        continue;
      }
      boolean secret = SECRET.matcher(option.longestName()).find();
      if (option.arity().max() == 0) {
        words.add(option.longestName());
      } else {
        for (String value : option.originalStringValues()) {
          words.add(option.longestName());
          words.add(secret ? "(hidden)" : quoted(value));
        }
      }
    }
    return String.join(" ", words);
  }

  private static String quoted(String value) {
    return value.isEmpty() || value.chars().anyMatch(Character::isWhitespace) ? "\"" + value + "\"" : value;
  }
}
