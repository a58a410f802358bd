package io.coffer.cli.volume;

import io.coffer.repo.VolumeException;

/** Shared guard of the key commands. */
final class KeyPassphrases {

  private KeyPassphrases() {}

  /** Fails before asking for a new passphrase that an unencrypted volume could not use. */
  static void requireEncrypted(VolumeSession session) {
    if (!session.volume().config().encrypted()) {
      throw new VolumeException("volume " + session.volume().location() + " is not encrypted: it has no passphrases to manage");
    }
  }
}
