package io.coffer.engine;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.CatalogValidationException;
import java.util.function.Supplier;

/**
 * Puts into the history the runs that were refused or failed before their own record was written
 * (a restore whose plan was refused, a verification of a backup that cannot be verified), which the
 * catalog would otherwise never see: everything tried is in the history, with the reason.
 */
public final class Refusals {

  private Refusals() {}

  /**
   * Runs {@code work}; when it throws, records the attempt as {@code rejected: <reason>} (bad
   * input) or {@code failed: <reason>} and rethrows. A history that cannot be written does not hide
   * the refusal: its failure is attached to it.
   */
  public static <T> T recorded(Catalog catalog, String action, String subject, String detail, Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      record(catalog, action, subject, detail, e);
      throw e;
    }
  }

  /**
   * Records {@code e} as the refusal or failure of {@code action}, unless the catalog recorded it
   * already (a change it refused itself, a nested call). Bad input is {@code rejected:}, anything
   * else {@code failed:}.
   */
  public static void record(Catalog catalog, String action, String subject, String detail, RuntimeException e) {
    try {
      catalog.history().refused(action, subject, detail, e instanceof CatalogValidationException, reason(e), e);
    } catch (RuntimeException history) {
      e.addSuppressed(history);
    }
  }

  private static String reason(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
