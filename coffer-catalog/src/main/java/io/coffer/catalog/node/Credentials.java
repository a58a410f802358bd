package io.coffer.catalog.node;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.model.CredentialReference.Source;
import io.coffer.model.CredentialReference;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Parses a credential reference as a person types it ({@code none}, {@code file:/ABSOLUTE/PATH},
 * {@code pgpass}, {@code pgpass:/ABSOLUTE/PATH}, {@code env:VARIABLE_NAME}). A rejected value is
 * never repeated in the error, in case someone typed the password itself.
 */
public final class Credentials {

  private static final String ACCEPTED =
      "none, file:/ABSOLUTE/PATH, pgpass, pgpass:/ABSOLUTE/PATH or env:VARIABLE_NAME"
          + " (a reference to the password, never the password)";
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private Credentials() {}

  public static CredentialReference parse(String text) {
    String value = text == null ? "" : text.strip();
    if (value.equals("none") || value.isEmpty()) {
      return CredentialReference.NONE;
    }
    if (value.equals("pgpass")) {
      return CredentialReference.of(Source.PGPASS, null);
    }
    if (value.startsWith("pgpass:")) {
      return CredentialReference.of(Source.PGPASS, path(value.substring(7)));
    }
    if (value.startsWith("file:")) {
      return CredentialReference.of(Source.PASSWORD_FILE, path(value.substring(5)));
    }
    if (value.startsWith("env:") && VARIABLE.matcher(value.substring(4)).matches()) {
      return CredentialReference.of(Source.ENVIRONMENT, value.substring(4));
    }
    throw CatalogValidationException.hidingValue(CredentialReference.FIELD, ACCEPTED);
  }

  private static String path(String text) {
    if (text.isEmpty() || !Path.of(text).isAbsolute() || text.chars().anyMatch(Character::isISOControl)) {
      throw CatalogValidationException.hidingValue(CredentialReference.FIELD, ACCEPTED);
    }
    return text;
  }
}
