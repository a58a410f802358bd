package io.coffer.cli.volume;

import java.io.IOException;
import picocli.CommandLine.Command;

/** {@code coffer volume key add}: another passphrase for the same volume. */
@Command(
    name = "add",
    description = {
      "Add a passphrase that opens the volume.",
      "The new passphrase comes from COFFER_NEW_PASSWORD_FILE, COFFER_NEW_PASSWORD or a prompt."
    })
final class KeyAddCommand extends OpenVolumeCommand {

  record Result(String added) {}

  @Override
  int run(VolumeSession session) throws IOException {
    String name = KeyPassphrases.withReplacement(session, env(), session.volume().keys()::add);
    if (json()) {
      printJson(new Result(name));
    } else {
      out().println("added key " + name.substring(0, 12));
      out().flush();
    }
    return 0;
  }
}
