package io.coffer.cli.session;

/**
 * Someone to ask: the shell's line reader, or the terminal. Commands ask for missing values and
 * confirmations only through this, and only when one is present, so scripts never hang on a question.
 */
public interface Interaction {

  /** Shows {@code question} and returns the answer typed, or null at end of input. */
  String ask(String question);

  /** Writes a line to the person. */
  void say(String line);
}
