package io.coffer.cli.passphrase;

import java.io.Console;
import java.util.Optional;

/** Prompts on the process's console; there is none when stdin or stdout is not a terminal. */
public final class ConsolePrompt implements PassphrasePrompt {

  private final Console console;

  private ConsolePrompt(Console console) {
    this.console = console;
  }

  public static Optional<PassphrasePrompt> ifPresent() {
    Console c = System.console();
    return c == null ? Optional.empty() : Optional.of(new ConsolePrompt(c));
  }

  @Override
  public char[] read(String prompt) {
    return console.readPassword("%s", prompt);
  }
}
