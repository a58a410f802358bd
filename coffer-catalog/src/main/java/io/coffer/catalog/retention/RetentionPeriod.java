package io.coffer.catalog.retention;

import io.coffer.catalog.CatalogValidationException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How long a definition's backups stay in the volume, written as PgBackMan writes it: {@code 7
 * days}, {@code 2 weeks}, {@code 1 month}, {@code 1 year 6 months}. Months and years are calendar
 * months and years (in UTC), so "1 month" after 31 January is the last day of February.
 */
public final class RetentionPeriod {

  public static final String FIELD = "retention";
  static final String ACCEPTED =
      "one or more \"<number> <unit>\" with units minutes, hours, days, weeks, months or years"
          + " (singular or plural), e.g. \"7 days\", \"2 weeks\", \"1 month\"";

  private static final Pattern WHOLE =
      Pattern.compile("\\s*(?:[0-9]{1,6}\\s+[a-z]+\\s*,?\\s*)+", Pattern.CASE_INSENSITIVE);
  private static final Pattern PART = Pattern.compile("([0-9]{1,6})\\s+([a-z]+)", Pattern.CASE_INSENSITIVE);

  /** The units in the order the canonical form writes them. */
  enum Unit {
    YEAR,
    MONTH,
    WEEK,
    DAY,
    HOUR,
    MINUTE;

    static Unit of(String word) {
      String singular = word.toUpperCase(Locale.ROOT);
      if (singular.endsWith("S")) {
        singular = singular.substring(0, singular.length() - 1);
      }
      for (Unit unit : values()) {
        if (unit.name().equals(singular)) {
          return unit;
        }
      }
      return null;
    }
  }

  private final Map<Unit, Integer> parts;

  private RetentionPeriod(Map<Unit, Integer> parts) {
    this.parts = parts;
  }

  public static RetentionPeriod parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new CatalogValidationException(FIELD, text, ACCEPTED);
    }
    Map<Unit, Integer> parts = new EnumMap<>(Unit.class);
    Matcher part = PART.matcher(text);
    while (part.find()) {
      Unit unit = Unit.of(part.group(2));
      int count = Integer.parseInt(part.group(1));
      if (unit == null) {
        throw new CatalogValidationException(FIELD, text, "unknown unit \"" + part.group(2) + "\"", ACCEPTED);
      }
      if (count < 1) {
        throw new CatalogValidationException(FIELD, text, "each number must be at least 1", ACCEPTED);
      }
      if (parts.putIfAbsent(unit, count) != null) {
        throw new CatalogValidationException(FIELD, text, "unit " + word(unit, 2) + " given twice", ACCEPTED);
      }
    }
    return new RetentionPeriod(parts);
  }

  /** The moment a backup that finished at {@code finished} leaves the period. */
  public Instant after(Instant finished) {
    ZonedDateTime time = finished.atZone(ZoneOffset.UTC);
    for (Map.Entry<Unit, Integer> part : parts.entrySet()) {
      int n = part.getValue();
      time = switch (part.getKey()) {
        case YEAR -> time.plusYears(n);
        case MONTH -> time.plusMonths(n);
        case WEEK -> time.plusWeeks(n);
        case DAY -> time.plusDays(n);
        case HOUR -> time.plusHours(n);
        case MINUTE -> time.plusMinutes(n);
      };
    }
    return time.toInstant();
  }

  /** The canonical form, largest unit first: {@code 1 year 6 months}. */
  @Override
  public String toString() {
    return parts.entrySet().stream()
        .map(e -> e.getValue() + " " + word(e.getKey(), e.getValue()))
        .collect(Collectors.joining(" "));
  }

  private static String word(Unit unit, int count) {
    String name = unit.name().toLowerCase(Locale.ROOT);
    return count == 1 ? name : name + "s";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RetentionPeriod that && parts.equals(that.parts);
  }

  @Override
  public int hashCode() {
    return parts.hashCode();
  }
}
