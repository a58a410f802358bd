package io.coffer.engine.verify;

import io.coffer.model.Engine;
import io.coffer.source.RunName;
import java.util.ArrayList;
import java.util.List;

/**
 * The scratch databases a verification restores into: {@code coffer_verify_<backup id>_<run>}, with
 * {@code _<member number>} for each member of a group, and {@code .db} for a SQLite file. The run's
 * name ({@link RunName#of}) carries the catalog's identity and is new for every verification, so two
 * catalogs, or two verifications of one backup, never use one name: a verification creates its
 * scratch databases, refuses a name that exists, and drops only what it created. They stay short
 * (at most 56 characters), inside PostgreSQL's 63 bytes and MariaDB's 64 characters; member names
 * are left out because they could push a name past those limits or need quoting.
 */
final class ScratchNames {

  static final String PREFIX = "coffer_verify_";

  private ScratchNames() {}

  static List<String> of(long backupId, String run, Engine engine, int members) {
    String base = PREFIX + backupId + "_" + run;
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
