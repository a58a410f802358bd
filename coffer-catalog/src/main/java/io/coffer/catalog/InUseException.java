package io.coffer.catalog;

/**
 * A removal refused because other rows depend on what would be removed. The message names the
 * dependents, e.g. {@code node "pg1" is used by definitions 12, 14}, and what to do instead.
 */
public final class InUseException extends CatalogValidationException {

  public InUseException(String field, String value, String dependents, String remedy) {
    super(field, value, worded(field + " " + quote(value) + " is used by " + dependents + "; " + remedy));
  }
}
