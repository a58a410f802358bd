package io.coffer.catalog.node;

import io.coffer.catalog.CatalogValidationException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a node's password is found — never the password itself (DESIGN rule 4):
 *
 * <ul>
 *   <li>{@code none} — no password (trust, peer or certificate authentication);
 *   <li>{@code file:/etc/coffer/pg1.password} — a file whose first line is the password;
 *   <li>{@code pgpass} or {@code pgpass:/path/.pgpass} — a libpq password file;
 *   <li>{@code env:PG1_PASSWORD} — the name of an environment variable of the agent.
 * </ul>
 *
 * <p>A rejected value is never repeated in the error, in case someone typed the password itself.
 */
public final class CredentialReference {

  public static final String FIELD = "credential";
  public static final CredentialReference NONE = new CredentialReference(Source.NONE, null);
  private static final String ACCEPTED =
      "none, file:/ABSOLUTE/PATH, pgpass, pgpass:/ABSOLUTE/PATH or env:VARIABLE_NAME"
          + " (a reference to the password, never the password)";
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

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

  public static CredentialReference parse(String text) {
    String value = text == null ? "" : text.strip();
    if (value.equals("none") || value.isEmpty()) {
      return NONE;
    }
    if (value.equals("pgpass")) {
      return new CredentialReference(Source.PGPASS, null);
    }
    if (value.startsWith("pgpass:")) {
      return new CredentialReference(Source.PGPASS, path(value.substring(7)));
    }
    if (value.startsWith("file:")) {
      return new CredentialReference(Source.PASSWORD_FILE, path(value.substring(5)));
    }
    if (value.startsWith("env:") && VARIABLE.matcher(value.substring(4)).matches()) {
      return new CredentialReference(Source.ENVIRONMENT, value.substring(4));
    }
    throw CatalogValidationException.hidingValue(FIELD, ACCEPTED);
  }

  private static String path(String text) {
    if (text.isEmpty() || !Path.of(text).isAbsolute() || text.chars().anyMatch(Character::isISOControl)) {
      throw CatalogValidationException.hidingValue(FIELD, ACCEPTED);
    }
    return text;
  }

  public Source source() {
    return source;
  }

  /** The file path or variable name, when the source has one. */
  public Optional<String> target() {
    return Optional.ofNullable(target);
  }

  /** The form {@link #parse} reads back, e.g. {@code env:PG1_PASSWORD}. */
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
    return other instanceof CredentialReference that && toString().equals(that.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
