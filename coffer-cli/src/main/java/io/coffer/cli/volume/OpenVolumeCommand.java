package io.coffer.cli.volume;

import io.coffer.cli.CommandBase;
import java.io.IOException;
import picocli.CommandLine.Mixin;

/**
 * A command on an existing volume: checks its own arguments, opens the volume through the engine
 * (asking for the passphrase only when it is encrypted), runs, and closes it again.
 */
abstract class OpenVolumeCommand extends CommandBase {

  @Mixin LocationOptions location;

  @Override
  public final Integer call() throws IOException {
    validate();
    try (VolumeSession session = VolumeSession.start(location.applyTo(config()), env(), location.location())) {
      return run(session);
    }
  }

  /** Checks arguments before the volume is opened, so a bad one costs no passphrase prompt. */
  void validate() {}

  /** Does the work; returns the exit code. */
  abstract int run(VolumeSession session) throws IOException;
}
