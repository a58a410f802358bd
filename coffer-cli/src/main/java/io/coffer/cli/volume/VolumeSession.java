package io.coffer.cli.volume;

import io.coffer.cli.Environment;
import io.coffer.cli.passphrase.Passphrases;
import io.coffer.repo.Volume;
import io.coffer.repo.backend.Backend;
import java.io.IOException;

/**
 * An opened volume and the passphrase that opened it (null for an unencrypted volume), kept only
 * because {@code key add} and {@code key passwd} need it again. Closing wipes the passphrase.
 */
final class VolumeSession implements AutoCloseable {

  private final Volume volume;
  private final char[] passphrase;

  private VolumeSession(Volume volume, char[] passphrase) {
    this.volume = volume;
    this.passphrase = passphrase;
  }

  /** Reads the config first so that an unencrypted volume never asks for a passphrase. */
  static VolumeSession open(LocationOptions location, Environment env) throws IOException {
    Backend backend = location.backend();
    char[] passphrase = null;
    try {
      if (Volume.readConfig(backend).encrypted()) {
        passphrase = new Passphrases(env).existing(backend.location());
      }
      return new VolumeSession(Volume.open(backend, passphrase), passphrase);
    } catch (IOException | RuntimeException e) {
      Passphrases.wipe(passphrase);
      backend.close();
      throw e;
    }
  }

  Volume volume() {
    return volume;
  }

  char[] passphrase() {
    return passphrase;
  }

  @Override
  public void close() throws IOException {
    Passphrases.wipe(passphrase);
    volume.close();
  }
}
