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
      try {
        catalog.history().refused(action, subject, detail, e instanceof CatalogValidationException, reason(e));
      } catch (RuntimeException history) {
        e.addSuppressed(history);
      }
      throw e;
    }
  }

  private static String reason(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
