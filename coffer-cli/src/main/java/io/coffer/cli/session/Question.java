package io.coffer.cli.session;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One value a command can ask for when it was not given: the label shown, the option (or {@code
 * #N} for the N-th positional parameter) that gives it on the command line, how to read and set the
 * command's field, the default shown in brackets, whether the command cannot run without it, and
 * the check an answer must pass (it throws with the reason) so a wrong answer is asked again at once
 * rather than refused after every other question.
 */
public record Question(
    String label, String option, Supplier<String> value, Consumer<String> setter, String defaultValue,
    boolean required, Consumer<String> check) {

  private static final Consumer<String> ANY = v -> {};

  public static Question required(String label, String option, Supplier<String> value, Consumer<String> setter) {
    return new Question(label, option, value, setter, "", true, ANY);
  }

  public static Question optional(String label, String option, Supplier<String> value, Consumer<String> setter,
      String defaultValue) {
    return new Question(label, option, value, setter, defaultValue == null ? "" : defaultValue, false, ANY);
  }

  /**
   * This question, with answers checked by {@code check} as they are given; blank answers are left
   * to {@link #required()}, since a blank optional answer means the default.
   */
  public Question checkedBy(Consumer<String> check) {
    return new Question(label, option, value, setter, defaultValue, required, check);
  }

  boolean missing() {
    String current = value.get();
    return current == null || current.isBlank();
  }
}
