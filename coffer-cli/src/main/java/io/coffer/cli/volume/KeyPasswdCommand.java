package io.coffer.cli.volume;

import io.coffer.cli.passphrase.Passphrases;
import java.io.IOException;
import picocli.CommandLine.Command;

/** {@code coffer volume key passwd}: replaces the passphrase used to open the volume. */
@Command(
    name = "passwd",
    description = {
      "Replace the passphrase that opened the volume with a new one.",
      "The new passphrase comes from COFFER_NEW_PASSWORD_FILE, COFFER_NEW_PASSWORD or a prompt."
    })
final class KeyPasswdCommand extends OpenVolumeCommand {

  record Result(String removed, String added) {}

  @Override
  int run(VolumeSession session) throws IOException {
    KeyPassphrases.requireEncrypted(session);
    String old = session.volume().keyName();
    char[] replacement = new Passphrases(env()).replacement(session.volume().location());
    String added;
    try {
      added = session.volume().keys().passwd(session.passphrase(), replacement, env().kdf());
    } finally {
      Passphrases.wipe(replacement);
    }
    if (json()) {
      printJson(new Result(old, added));
    } else {
      out().println("replaced key " + old.substring(0, 12) + " by key " + added.substring(0, 12));
      out().flush();
    }
    return 0;
  }
}
