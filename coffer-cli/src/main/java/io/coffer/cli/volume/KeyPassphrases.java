package io.coffer.cli.volume;

import io.coffer.cli.Environment;
import io.coffer.cli.passphrase.Passphrases;
import io.coffer.repo.VolumeException;
import io.coffer.repo.crypto.KdfParams;
import java.io.IOException;

/** What the key commands share: the guard against unencrypted volumes and the new passphrase's life. */
final class KeyPassphrases {

  /** A change of key files that needs the current and a new passphrase. */
  @FunctionalInterface
  interface Change {
    String apply(char[] current, char[] replacement, KdfParams kdf) throws IOException;
  }

  private KeyPassphrases() {}

  /** Fails before anything is asked or changed on a volume that has no passphrases. */
  static void requireEncrypted(VolumeSession session) {
    if (!session.volume().config().encrypted()) {
      throw new VolumeException("volume " + session.location() + " is not encrypted: it has no passphrases to manage");
    }
  }

  /** Gets the new passphrase, applies {@code change} and wipes the passphrase again; returns the new key's name. */
  static String withReplacement(VolumeSession session, Environment env, Change change) throws IOException {
    requireEncrypted(session);
    char[] replacement = new Passphrases(env).replacement(session.location());
    try {
      return change.apply(session.passphrase(), replacement, env.kdf());
    } finally {
      Passphrases.wipe(replacement);
    }
  }
}
