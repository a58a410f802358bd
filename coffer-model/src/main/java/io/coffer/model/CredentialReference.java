package io.coffer.model;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a node's password is found — never the password itself (DESIGN rule 4), so a node can be
 * stored, logged and shown without leaking a secret:
 *
 * <ul>
 *   <li>{@code none} — no password (trust, peer or certificate authentication, or an empty MariaDB
 *       password);
 *   <li>{@code file:/etc/coffer/pg1.password} — a file whose first line is the password;
 *   <li>{@code pgpass} or {@code pgpass:/path/.pgpass} — a libpq password file ({@code
 *       host:port:database:user:password} lines), {@code ~/.pgpass} when no path is given;
 *   <li>{@code env:PG1_PASSWORD} — the name of an environment variable of the agent.
 * </ul>
 *
 * <p>The catalog parses the text a person types ({@code Credentials.parse}, which never repeats a
 * rejected value); the drivers resolve the password ({@code Passwords.of}).
 */
public final class CredentialReference {

  /** The name of the field in the CLI, the API and the catalog. */
  public static final String FIELD = "credential";
  public static final CredentialReference NONE = new CredentialReference(Source.NONE, null);

  /** Where the password comes from. */
  public enum Source {
    NONE,
    PASSWORD_FILE,
    PGPASS,
    ENVIRONMENT
  }

  private final Source source;
  private final String target;

  private CredentialReference(Source source, String target) {
    this.source = source;
    this.target = target;
  }

  /** A reference from its parts; a file or a variable must be named. */
  public static CredentialReference of(Source source, String target) {
    if (source == null) {
      throw new IllegalArgumentException("credential source must be one of " + java.util.List.of(Source.values()));
    }
    if ((source == Source.PASSWORD_FILE || source == Source.ENVIRONMENT) && (target == null || target.isBlank())) {
      throw new IllegalArgumentException(
          "credential " + source + " needs a reference (a file path or a variable name), got none");
    }
    return source == Source.NONE ? NONE : new CredentialReference(source, target);
  }

  public static CredentialReference none() {
    return NONE;
  }

  public static CredentialReference passwordFile(Path file) {
    return of(Source.PASSWORD_FILE, file.toString());
  }

  public static CredentialReference environment(String variable) {
    return of(Source.ENVIRONMENT, variable);
  }

  /** A libpq password file; {@code null} for {@code ~/.pgpass}. */
  public static CredentialReference pgpass(Path file) {
    return of(Source.PGPASS, file == null ? null : file.toString());
  }

  public Source source() {
    return source;
  }

  /** The file path or variable name, when the source has one. */
  public Optional<String> target() {
    return Optional.ofNullable(target);
  }

  /** The pgpass file this reference names (the default one when no path was given). */
  public Path pgpassFile() {
    return target != null ? Path.of(target) : Path.of(System.getProperty("user.home"), ".pgpass");
  }

  /** The form the catalog stores and parses back, e.g. {@code env:PG1_PASSWORD}. */
  @Override
  public String toString() {
    return switch (source) {
      case NONE -> "none";
      case PASSWORD_FILE -> "file:" + target;
      case PGPASS -> target == null ? "pgpass" : "pgpass:" + target;
      case ENVIRONMENT -> "env:" + target;
    };
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CredentialReference that && source == that.source && Objects.equals(target, that.target);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, target);
  }
}
