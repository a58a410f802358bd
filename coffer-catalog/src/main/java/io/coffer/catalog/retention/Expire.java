package io.coffer.catalog.retention;

import io.coffer.catalog.CatalogValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How long one backup lives after it finishes, written as {@code 1w 3d 4h 5m}: numbers with units
 * y (365 days), w, d, h and m (minutes), each unit at most once. Units are lower case only, so
 * "m" can never be mistaken for months.
 */
public final class Expire {

  public static final String FIELD = "expire";
  static final String ACCEPTED =
      "one or more <number><unit> with units y (365 days), w (weeks), d (days), h (hours),"
          + " m (minutes), each unit once, e.g. \"1w 3d 4h 5m\" or \"30d\"";

  private static final Pattern WHOLE = Pattern.compile("\\s*(?:[0-9]{1,6}\\s*[ywdhm]\\s*)+");
  private static final Pattern PART = Pattern.compile("([0-9]{1,6})\\s*([ywdhm])");

  /** The units in the order the canonical form writes them. */
  enum Unit {
    y(Duration.ofDays(365)),
    w(Duration.ofDays(7)),
    d(Duration.ofDays(1)),
    h(Duration.ofHours(1)),
    m(Duration.ofMinutes(1));

    final Duration length;

    Unit(Duration length) {
      this.length = length;
    }
  }

  private final Map<Unit, Integer> parts;
  private final Duration duration;

  private Expire(Map<Unit, Integer> parts, Duration duration) {
    this.parts = parts;
    this.duration = duration;
  }

  public static Expire parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new CatalogValidationException(FIELD, text, ACCEPTED);
    }
    Map<Unit, Integer> parts = new EnumMap<>(Unit.class);
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      Unit unit = Unit.valueOf(part.group(2));
      int count = Integer.parseInt(part.group(1));
      if (parts.putIfAbsent(unit, count) != null) {
        throw new CatalogValidationException(FIELD, text, "unit " + unit + " given twice", ACCEPTED);
      }
      total = total.plus(unit.length.multipliedBy(count));
    }
    if (total.isZero()) {
      throw new CatalogValidationException(FIELD, text, "it adds up to zero", ACCEPTED);
    }
    return new Expire(parts, total);
  }

  public Duration duration() {
    return duration;
  }

  /** When a backup that finished at {@code finished} expires. */
  public Instant after(Instant finished) {
    return finished.plus(duration);
  }

  /** The canonical form: parts largest unit first, separated by one space, e.g. {@code 1w 3d}. */
  @Override
  public String toString() {
    return parts.entrySet().stream().map(e -> e.getValue() + e.getKey().name()).collect(Collectors.joining(" "));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Expire that && parts.equals(that.parts);
  }

  @Override
  public int hashCode() {
    return parts.hashCode();
  }
}
