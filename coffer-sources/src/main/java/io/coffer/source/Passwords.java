package io.coffer.source;

import io.coffer.model.CredentialReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Resolves the password a {@link CredentialReference} points at, when a driver connects; the
 * password is handed to the connection or the tool and kept nowhere else.
 */
public final class Passwords {

  private Passwords() {}

  /**
   * Resolves the password for a connection; empty when the reference holds none for it.
   *
   * @throws SourceException with reason CREDENTIAL when the file or variable is missing
   */
  public static Optional<String> of(CredentialReference credential, String host, int port, String database,
      String user) throws SourceException {
    String reference = credential.target().orElse(null);
    switch (credential.source()) {
      case NONE:
        return Optional.empty();
      case ENVIRONMENT:
        {
          String value = System.getenv(reference);
          if (value == null) {
            throw new SourceException(
                SourceException.Reason.CREDENTIAL,
                "credential environment variable " + reference + " is not set");
          }
          return Optional.of(value);
        }
      case PASSWORD_FILE:
        {
          List<String> lines = readLines(Path.of(reference), "password file");
          return Optional.of(lines.isEmpty() ? "" : lines.get(0));
        }
      case PGPASS:
        return PgPassFile.lookup(
            readLines(credential.pgpassFile(), "pgpass file"), host, port, database, user);
      default:
        throw new IllegalStateException("unknown credential source " + credential.source());
    }
  }

  private static List<String> readLines(Path file, String what) throws SourceException {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SourceException(
          SourceException.Reason.CREDENTIAL, "credential " + what + " " + file + " does not exist");
    } catch (IOException e) {
      throw new SourceException(
          SourceException.Reason.CREDENTIAL,
          "credential " + what + " " + file + " cannot be read: " + e.getMessage(),
          e);
    }
  }
}
