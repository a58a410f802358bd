package io.coffer.source.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A temporary file readable only by this user (mode 0600 from the moment it exists), for handing a
 * password to a child process without putting it in its arguments. Deleted on close.
 */
public final class SecretFile implements AutoCloseable {

  private final Path path;

  private SecretFile(Path path) {
    this.path = path;
  }

  /** Creates the file with the given content in the JVM's temporary directory. */
  public static SecretFile create(String prefix, String content) throws IOException {
    Path path =
        Files.createTempFile(
            prefix,
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(path, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(path);
      throw e;
    }
    return new SecretFile(path);
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(path);
  }
}
