package io.coffer.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the admin user's password comes from — never the password itself, so a node can be stored,
 * logged and shown without leaking a secret.
 *
 * <ul>
 *   <li>{@code NONE}: no password (trust, peer, or an empty MariaDB password).
 *   <li>{@code PASSWORD_FILE}: the first line of a file.
 *   <li>{@code ENVIRONMENT}: the value of an environment variable of this process.
 *   <li>{@code PGPASS}: a libpq password file ({@code host:port:database:user:password} lines);
 *       {@code reference} is its path, or null for {@code ~/.pgpass}.
 * </ul>
 */
public record CredentialRef(Type type, String reference) {

  /** The kinds of reference. */
  public enum Type {
    NONE,
    PASSWORD_FILE,
    ENVIRONMENT,
    PGPASS
  }

  public CredentialRef {
    if (type == null) {
      throw new IllegalArgumentException("credential type must be one of " + List.of(Type.values()));
    }
    if ((type == Type.PASSWORD_FILE || type == Type.ENVIRONMENT)
        && (reference == null || reference.isBlank())) {
      throw new IllegalArgumentException(
          "credential " + type + " needs a reference (a file path or a variable name), got none");
    }
  }

  public static CredentialRef none() {
    return new CredentialRef(Type.NONE, null);
  }

  public static CredentialRef passwordFile(Path file) {
    return new CredentialRef(Type.PASSWORD_FILE, file.toString());
  }

  public static CredentialRef environment(String variable) {
    return new CredentialRef(Type.ENVIRONMENT, variable);
  }

  public static CredentialRef pgpass(Path file) {
    return new CredentialRef(Type.PGPASS, file == null ? null : file.toString());
  }

  /** The pgpass file this reference names (the default one when no path was given). */
  public Path pgpassFile() {
    return reference != null
        ? Path.of(reference)
        : Path.of(System.getProperty("user.home"), ".pgpass");
  }

  /**
   * Resolves the password for a connection; empty when the reference holds none for it.
   *
   * @throws SourceException with reason CREDENTIAL when the file or variable is missing
   */
  public Optional<String> password(String host, int port, String database, String user)
      throws SourceException {
    switch (type) {
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
            readLines(pgpassFile(), "pgpass file"), host, port, database, user);
      default:
        throw new IllegalStateException("unknown credential type " + type);
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

  @Override
  public String toString() {
    return reference == null ? type.toString() : type + "(" + reference + ")";
  }
}
