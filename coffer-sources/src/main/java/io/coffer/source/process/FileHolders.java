package io.coffer.source.process;

import io.coffer.source.ClientSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The processes that hold files open, or work in a directory, where the OS lets us see them: Linux's
 * {@code /proc/PID/fd} and {@code /proc/PID/cwd}; elsewhere, and for processes of other users we may
 * not inspect, none are found. A rename, delete or overwrite of a file a process holds succeeds on
 * Linux, and the process goes on with the old file (or the new bytes) unseen, so a restore that would
 * move or replace files must know of them first. Coffer ends no program's process: callers refuse
 * and name them.
 */
public final class FileHolders {

  private static final Path PROC = Path.of("/proc");

  private FileHolders() {}

  /**
   * The processes other than this one with an open file, or their working directory, that {@code
   * held} accepts (given as the real path the kernel reports); empty where it cannot be seen.
   */
  public static List<ClientSession> holding(Predicate<Path> held) {
    if (!Files.isDirectory(PROC)) {
      return List.of();
    }
    long self = ProcessHandle.current().pid();
    List<ClientSession> holders = new ArrayList<>();
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path process : processes) {
        long pid = Long.parseLong(process.getFileName().toString());
        if (pid != self && (works(process, held) || holds(process, held))) {
          holders.add(new ClientSession(pid, owner(process), program(process), ""));
        }
      }
    } catch (IOException e) {
      return holders;
    }
    return holders;
  }

  /** The processes other than this one with a file open below {@code directory}, or working in it. */
  public static List<ClientSession> below(Path directory) {
    Path real;
    try {
      real = directory.toRealPath();
    } catch (IOException e) {
      return List.of();
    }
    return holding(path -> path.startsWith(real));
  }

  private static boolean works(Path process, Predicate<Path> held) {
    try {
      return held.test(Files.readSymbolicLink(process.resolve("cwd")));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false; // gone, or another user's that we may not inspect
    }
  }

  private static boolean holds(Path process, Predicate<Path> held) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
      for (Path fd : fds) {
        try {
          if (held.test(Files.readSymbolicLink(fd))) {
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
