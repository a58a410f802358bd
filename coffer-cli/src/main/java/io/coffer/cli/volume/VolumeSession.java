package io.coffer.cli.volume;

import io.coffer.cli.Environment;
import io.coffer.cli.passphrase.Passphrases;
import io.coffer.engine.Coffer;
import io.coffer.engine.config.CofferConfig;
import io.coffer.repo.Volume;

/**
 * The engine a volume command works through and the volume it opened, reached with coffer.yaml's
 * {@code s3.*} keys unless the command's flags say otherwise. The passphrase that opened the volume
 * (null for an unencrypted one) is kept only because {@code key add} and {@code key passwd} need it
 * again; closing wipes it.
 */
final class VolumeSession implements AutoCloseable {

  private final Coffer coffer;
  private final String location;
  private char[] passphrase;

  private VolumeSession(CofferConfig config, Environment env, String typed) {
    this.coffer = Coffer.open(config, at -> {
      char[] given = new Passphrases(env).existing(at);
      // The engine wipes what it is given once the key is derived; the session keeps its own copy.
      Passphrases.wipe(passphrase);
      passphrase = given.clone();
      return given;
    });
    try {
      this.location = coffer.volumes().location(typed);
    } catch (RuntimeException e) {
      coffer.close();
      throw e;
    }
  }

  /** The engine for {@code config}, and the location {@code typed} stands for; no volume opened yet. */
  static VolumeSession start(CofferConfig config, Environment env, String typed) {
    return new VolumeSession(config, env, typed);
  }


  /** Opens the volume; an unencrypted one never asks for a passphrase. */
  Volume volume() {
    return coffer.volumeOpener().open(location);
  }

  Coffer coffer() {
    return coffer;
  }

  /** The volume's location, a registered name turned into what it stands for. */
  String location() {
    return location;
  }

  char[] passphrase() {
    return passphrase;
  }

  @Override
  public void close() {
    Passphrases.wipe(passphrase);
    coffer.close();
  }
}
