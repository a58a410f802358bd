package io.coffer.catalog;

/** An add or rename would give two things of one sort the same name (or the same identity). */
public final class DuplicateNameException extends CatalogValidationException {

  public DuplicateNameException(String field, String value, String existing) {
    super(field, value, worded(field + " " + quote(value) + " already exists (" + existing + "); accepted: a name not in use"));
  }
}
