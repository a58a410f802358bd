package io.coffer.catalog.retention;

import io.coffer.catalog.time.TimeLength;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * How long a definition's backups stay in the volume, as {@link TimeLength} reads it ({@code 7
 * days}, {@code 14d}, {@code 2 weeks}, {@code 1 year 6 months}) and written in words as PgBackMan
 * writes it. Months and years are calendar months and years (in UTC), so "1 month" after 31 January
 * is the last day of February.
 */
public final class RetentionPeriod {

  public static final String FIELD = "retention";

  private final TimeLength length;

  private RetentionPeriod(TimeLength length) {
    this.length = length;
  }

  public static RetentionPeriod parse(String text) {
    return new RetentionPeriod(TimeLength.positive(FIELD, text));
  }

  /** The moment a backup that finished at {@code finished} leaves the period. */
  public Instant after(Instant finished) {
    return length.after(finished);
  }

  /** The canonical form, largest unit first: {@code 1 year 6 months}. */
  @Override
  public String toString() {
    return length.parts().entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey().word(e.getValue()))
        .collect(Collectors.joining(" "));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RetentionPeriod that && length.equals(that.length);
  }

  @Override
  public int hashCode() {
    return length.hashCode();
  }
}
