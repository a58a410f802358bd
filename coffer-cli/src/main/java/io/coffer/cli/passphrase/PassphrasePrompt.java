package io.coffer.cli.passphrase;

/** Asks the person at the terminal for a passphrase without echoing it. */
@FunctionalInterface
public interface PassphrasePrompt {

  /** The typed passphrase, or null when input ended. */
  char[] read(String prompt);
}
