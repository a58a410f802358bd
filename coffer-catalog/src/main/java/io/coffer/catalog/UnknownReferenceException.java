package io.coffer.catalog;

/** A reference to an agent, node, volume, definition, backup… that the catalog does not hold. */
public final class UnknownReferenceException extends CatalogValidationException {

  /**
   * @param accepted what would have been accepted, e.g. {@code one of pg1, pg2 (2 in all)}
   */
  public UnknownReferenceException(String field, String value, String accepted) {
    super(field, value, worded(field + " " + quote(value) + " does not exist; accepted: " + accepted));
  }
}
