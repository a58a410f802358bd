package io.coffer.cli.definition;

import io.coffer.catalog.CatalogValidationException;

/** Ids as typed: whole numbers ≥ 1, refused naming the field otherwise. */
public final class Ids {

  private Ids() {}

  public static long parse(String field, String text) {
    try {
      long id = Long.parseLong(text == null ? "" : text.strip());
      if (id >= 1) {
        return id;
      }
    } catch (NumberFormatException e) {
      // refused below with the value as typed
    }
    throw new CatalogValidationException(field, text, "the id of a " + field + ", a whole number ≥ 1");
  }
}
