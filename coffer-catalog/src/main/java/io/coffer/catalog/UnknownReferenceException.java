package io.coffer.catalog;

/** A reference to an agent, node, volume, definition, backup… that the catalog does not hold. */
public final class UnknownReferenceException extends CatalogValidationException {

  /**
   * @param help what exists and what to run, e.g. {@code there are 2 backups; `coffer backup list`
   *     shows them}
   */
  public UnknownReferenceException(String field, String value, String help) {
    super(field, value, worded(field + " " + quote(value) + " does not exist; " + help));
  }
}
