package io.coffer.catalog;

/**
 * The catalog could not do what was asked for a reason other than bad input: the database is
 * unreachable, a migration failed, a statement failed. The cause is kept.
 */
public class CatalogException extends RuntimeException {

  public CatalogException(String message) {
    super(message);
  }

  public CatalogException(String message, Throwable cause) {
    super(message, cause);
  }
}
