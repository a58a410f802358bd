package io.coffer.cli.volume;

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
    String old = session.volume().keyName();
    String added = KeyPassphrases.withReplacement(session, env(), session.volume().keys()::passwd);
    if (json()) {
      printJson(new Result(old, added));
    } else {
      out().println("replaced key " + old.substring(0, 12) + " by key " + added.substring(0, 12));
      out().flush();
    }
    return 0;
  }
}
