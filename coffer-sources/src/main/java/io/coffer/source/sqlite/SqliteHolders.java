package io.coffer.source.sqlite;

import io.coffer.source.ClientSession;
import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.TargetException;
import io.coffer.source.process.FileHolders;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The processes that have an SQLite database (or its -wal, -shm or -journal file) open, as {@link
 * FileHolders} sees them: a restore that would move the target aside must know of them first.
 */
final class SqliteHolders {

  private SqliteHolders() {}

  /** The processes other than this one that hold {@code database}; empty where it cannot be seen. */
  static List<ClientSession> of(Path database) {
    Set<Path> files;
    try {
      Path real = database.toRealPath();
      files = Set.of(real, Path.of(real + "-wal"), Path.of(real + "-shm"), Path.of(real + "-journal"));
    } catch (IOException e) {
      return List.of();
    }
    return FileHolders.holding(files::contains);
  }

  /**
   * Refuses to rename or drop {@code database} while processes hold it. Coffer ends no program's
   * process, so terminate-connections does not apply: the message says which to stop.
   */
  static void refuseIfHeld(String target, Path database, String action) throws SourceException {
    List<ClientSession> holders = of(database);
    if (holders.isEmpty()) {
      return;
    }
    throw new TargetException(Reason.TARGET_IN_USE, target, holders,
        "target SQLite database " + database + " cannot be " + action + " while "
            + (holders.size() == 1 ? "1 process holds" : holders.size() + " processes hold") + " it open: "
            + String.join(", ", holders.stream().map(ClientSession::toString).toList())
            + " (it would go on writing to the old file); stop " + (holders.size() == 1 ? "it" : "them")
            + " first: Coffer ends no program's process, so terminate-connections does not apply to SQLite",
        false);
  }
}
