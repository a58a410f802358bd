package io.coffer.cli.volume;

import io.coffer.cli.output.TextTable;
import io.coffer.cli.output.TableTimes;
import io.coffer.repo.Keys;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code coffer volume key list}: one row per key file; the one that opened the volume is marked. */
@Command(name = "list", description = "List the key files of a volume.")
final class KeyListCommand extends OpenVolumeCommand {

  record Result(List<Keys.KeyInfo> keys) {}

  @Override
  int run(VolumeSession session) throws IOException {
    List<Keys.KeyInfo> keys = session.volume().keys().list();
    if (json()) {
      printJson(new Result(keys));
      return 0;
    }
    TextTable t = new TextTable("KEY", "CURRENT", "CREATED", "USER@HOST", "KDF");
    for (Keys.KeyInfo k : keys) {
      t.row(k.name().substring(0, 12), k.current() ? "*" : "", TableTimes.format(k.created()), k.user() + "@" + k.host(), k.kdf());
    }
    t.print(out());
    return 0;
  }
}
