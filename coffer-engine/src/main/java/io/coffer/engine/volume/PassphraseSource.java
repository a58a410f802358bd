package io.coffer.engine.volume;

/**
 * Where the engine gets the passphrase of an encrypted volume. Interfaces provide it (a file named
 * by an environment variable, a variable, the terminal); the engine never reads a passphrase from
 * arguments, configuration or the catalog. The caller wipes the returned array after use.
 */
@FunctionalInterface
public interface PassphraseSource {

  /** The passphrase for the volume at {@code location}; never null. */
  char[] passphrase(String location);
}
