package io.coffer.source.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A temporary file readable only by this user (mode 0600 from the moment it exists), for handing a
 * password to a child process without putting it in its arguments, or a piece of a backup to a
 * child that cannot read it from a pipe. Deleted on close.
 */
public final class SecretFile implements AutoCloseable {

  private final Path path;

  private SecretFile(Path path) {
    this.path = path;
  }

  /** Creates the file with the given content in the JVM's temporary directory. */
  public static SecretFile create(String prefix, String content) throws IOException {
    Path path = empty(prefix);
    try {
      Files.writeString(path, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(path);
      throw e;
    }
    return new SecretFile(path);
  }

  /** Creates the file with what the stream holds, read to its end, in the temporary directory. */
  public static SecretFile copyOf(String prefix, InputStream content) throws IOException {
    Path path = empty(prefix);
    try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.TRUNCATE_EXISTING)) {
      content.transferTo(out);
    } catch (IOException e) {
      Files.deleteIfExists(path);
      throw e;
    }
    return new SecretFile(path);
  }

  private static Path empty(String prefix) throws IOException {
    return Files.createTempFile(
        prefix, ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(path);
  }
}
