package io.coffer.engine.verify;

import io.coffer.source.Engine;
import java.util.ArrayList;
import java.util.List;

/**
 * The scratch databases a verification restores into: {@code coffer_verify_<backup id>}, with
 * {@code _<member number>} for each member of a group, and {@code .db} for a SQLite file. The names
 * are fixed by the backup, so a scratch database an interrupted verification left behind is known
 * to be ours and is dropped by the next one. They stay short whatever the id (at most 40
 * characters), well inside PostgreSQL's 63 bytes and MariaDB's 64 characters; member names are
 * left out because they could push a name past those limits or need quoting.
 */
final class ScratchNames {

  static final String PREFIX = "coffer_verify_";

  private ScratchNames() {}

  static List<String> of(long backupId, Engine engine, int members) {
    String base = PREFIX + backupId;
    String extension = engine == Engine.SQLITE ? ".db" : "";
    if (members == 1) {
      return List.of(base + extension);
    }
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= members; i++) {
      names.add(base + "_" + i + extension);
    }
    return names;
  }
}
