package io.coffer.cli.volume;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code coffer volume key remove}: removes another key file (never the last, never the one in use). */
@Command(name = "remove", description = "Remove a key file; open the volume with another passphrase to do so.")
final class KeyRemoveCommand extends OpenVolumeCommand {

  @Parameters(index = "1", paramLabel = "KEY", description = "Name or unique prefix (4+ hex digits) from `key list`.")
  String key;

  record Result(String removed) {}

  @Override
  int run(VolumeSession session) throws IOException {
    KeyPassphrases.requireEncrypted(session);
    session.volume().keys().remove(key);
    if (json()) {
      printJson(new Result(key));
    } else {
      out().println("removed key " + key);
      out().flush();
    }
    return 0;
  }
}
