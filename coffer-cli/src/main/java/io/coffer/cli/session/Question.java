package io.coffer.cli.session;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One value a command can ask for when it was not given: the label shown, the option (or {@code
 * #N} for the N-th positional parameter) that gives it on the command line, how to read and set the
 * command's field, the default shown in brackets, and whether the command cannot run without it.
 */
public record Question(
    String label, String option, Supplier<String> value, Consumer<String> setter, String defaultValue,
    boolean required) {

  public static Question required(String label, String option, Supplier<String> value, Consumer<String> setter) {
    return new Question(label, option, value, setter, "", true);
  }

  public static Question optional(String label, String option, Supplier<String> value, Consumer<String> setter,
      String defaultValue) {
    return new Question(label, option, value, setter, defaultValue == null ? "" : defaultValue, false);
  }

  boolean missing() {
    String current = value.get();
    return current == null || current.isBlank();
  }
}
