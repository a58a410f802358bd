package io.coffer.catalog.retention;

import io.coffer.catalog.time.TimeLength;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * How long one backup lives after it finishes, as {@link TimeLength} reads it ({@code 1w 3d 4h 5m},
 * {@code 30 days}) and written in short units: {@code 1w 3d}. Years and months are calendar ones in
 * UTC, as for a retention period.
 */
public final class Expire {

  public static final String FIELD = "expire";

  private final TimeLength length;

  private Expire(TimeLength length) {
    this.length = length;
  }

  public static Expire parse(String text) {
    return new Expire(TimeLength.positive(FIELD, text));
  }

  /** When a backup that finished at {@code finished} expires. */
  public Instant after(Instant finished) {
    return length.after(finished);
  }

  /** The canonical form: parts largest unit first, separated by one space, e.g. {@code 1w 3d}. */
  @Override
  public String toString() {
    return length.parts().entrySet().stream().map(e -> e.getValue() + e.getKey().letter())
        .collect(Collectors.joining(" "));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Expire that && length.equals(that.length);
  }

  @Override
  public int hashCode() {
    return length.hashCode();
  }
}
