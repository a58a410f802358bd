package io.coffer.catalog.retention;

import io.coffer.catalog.CatalogValidationException;

/**
 * How many of the newest daily, weekly, monthly and yearly backups to keep beyond the retention
 * period (restic's {@code --keep-daily} and friends). Zero keeps none of that sort.
 */
public record KeepPolicy(int daily, int weekly, int monthly, int yearly) {

  public static final KeepPolicy NONE = new KeepPolicy(0, 0, 0, 0);

  public KeepPolicy {
    check("keep-daily", daily);
    check("keep-weekly", weekly);
    check("keep-monthly", monthly);
    check("keep-yearly", yearly);
  }

  private static void check(String field, int count) {
    if (count < 0) {
      throw new CatalogValidationException(field, count, "a whole number ≥ 0 (0 keeps none)");
    }
  }
}
