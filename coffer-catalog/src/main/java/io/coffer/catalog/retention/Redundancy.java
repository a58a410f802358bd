package io.coffer.catalog.retention;

import io.coffer.catalog.CatalogValidationException;

/**
 * The minimum number of successful backups a definition keeps whatever their age. Only successful
 * backups count: PgBackMan counted failed runs toward it, which could leave no usable backup.
 */
public record Redundancy(int count) {

  public static final String FIELD = "redundancy";
  private static final String ACCEPTED = "a whole number ≥ 1";

  public Redundancy {
    if (count < 1) {
      throw new CatalogValidationException(FIELD, count, ACCEPTED);
    }
  }

  public static Redundancy parse(String text) {
    try {
      return new Redundancy(Integer.parseInt(text == null ? "" : text.strip()));
    } catch (NumberFormatException e) {
      throw new CatalogValidationException(FIELD, text, ACCEPTED);
    }
  }

  @Override
  public String toString() {
    return Integer.toString(count);
  }
}
