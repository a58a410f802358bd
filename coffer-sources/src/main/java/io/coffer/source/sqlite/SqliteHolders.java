package io.coffer.source.sqlite;

import io.coffer.source.ClientSession;
import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.TargetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The processes that have an SQLite database (or its -wal or -shm file) open, where the OS lets us
 * see them: Linux's {@code /proc/PID/fd}; elsewhere, and for processes of other users we may not
 * inspect, none are found. A rename or delete of a file a process holds succeeds on Linux, and the
 * process goes on writing to the old file unseen, so a restore that would move the target aside
 * must know of them first.
 */
final class SqliteHolders {

  private static final Path PROC = Path.of("/proc");

  private SqliteHolders() {}

  /** The processes other than this one that hold {@code database}; empty where it cannot be seen. */
  static List<ClientSession> of(Path database) {
    if (!Files.isDirectory(PROC)) {
      return List.of();
    }
    Set<Path> files;
    try {
      Path real = database.toRealPath();
      files = Set.of(real, Path.of(real + "-wal"), Path.of(real + "-shm"), Path.of(real + "-journal"));
    } catch (IOException e) {
      return List.of();
    }
    long self = ProcessHandle.current().pid();
    List<ClientSession> holders = new ArrayList<>();
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path process : processes) {
        long pid = Long.parseLong(process.getFileName().toString());
        if (pid != self && holds(process, files)) {
          holders.add(new ClientSession(pid, owner(process), program(process), ""));
        }
      }
    } catch (IOException e) {
      return holders;
    }
    return holders;
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

  private static boolean holds(Path process, Set<Path> files) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
      for (Path fd : fds) {
        try {
          if (files.contains(Files.readSymbolicLink(fd))) {
            return true;
          }
        } catch (IOException | UnsupportedOperationException e) {
          // closed meanwhile, or not ours to read
        }
      }
    } catch (IOException | SecurityException e) {
      return false; // gone, or another user's that we may not inspect
    }
    return false;
  }

  private static String owner(Path process) {
    try {
      return Files.getOwner(process).getName();
    } catch (IOException e) {
      return "";
    }
  }

  private static String program(Path process) {
    try {
      return Files.readString(process.resolve("comm"), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
  }
}
