package io.coffer.source.quiesce;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * A durable note that a command must still run: written (and fsynced) before a stop or pre command
 * runs, removed once its start or post command has run. A process killed in between leaves the note,
 * and the next run of the same node runs the command and says so. One file per node and method in
 * the agent's state directory; its content is the command line and when it was recorded.
 */
final class PendingCommand {

  private final Path file;

  PendingCommand(Path stateDirectory, String key) {
    this.file = stateDirectory.resolve(key.replaceAll("[^A-Za-z0-9._-]", "_") + ".pending-command");
  }

  /** Records that {@code commandLine} must run if this process does not get to run it. */
  void record(String commandLine) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    String text = Instant.now() + "\n" + commandLine;
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException ignored) {
      // Some filesystems refuse to open a directory; the rename is as durable as they make it.
    }
  }

  /** The command a killed run left pending, with when it was recorded. */
  Optional<Pending> pending() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    return Optional.of(new Pending(nl < 0 ? "" : text.substring(0, nl), nl < 0 ? text : text.substring(nl + 1)));
  }

  void done() throws IOException {
    Files.deleteIfExists(file);
  }

  record Pending(String recordedAt, String commandLine) {}
}
