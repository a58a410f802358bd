package io.coffer.catalog.time;

import io.coffer.catalog.CatalogValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A length of time written as one or more {@code <number><unit>} parts, with or without a space
 * between number and unit and in any order: {@code 14d}, {@code 2 weeks}, {@code 1w 3d}, {@code 1
 * year, 6 months}. Every option and setting that takes a length parses it here, so that what one
 * accepts the others accept too, and a refusal lists the same forms everywhere ({@link #ACCEPTED}).
 *
 * <p>Years and months are calendar ones in UTC ({@link #after}); a length that must be fixed (a
 * heartbeat, a relative time) refuses them ({@link #fixed}). "m" is minutes; a lone "M" is refused
 * as ambiguous rather than guessed.
 */
public final class TimeLength {

  /** What every refusal says is accepted. */
  public static final String ACCEPTED = "one or more <number><unit>, e.g. \"14d\", \"2 weeks\", \"1w 3d\" or"
      + " \"1 year 6 months\"; units y or years, mo or months, w or weeks, d or days, h or hours, m or minutes,"
      + " s or seconds, ms (each unit once)";

  private static final Pattern WHOLE =
      Pattern.compile("\\s*[0-9]{1,6}\\s*[A-Za-z]+(?:\\s*,?\\s*[0-9]{1,6}\\s*[A-Za-z]+)*\\s*");
  private static final Pattern PART = Pattern.compile("([0-9]{1,6})\\s*([A-Za-z]+)");

  /** The units, largest first: the order canonical forms write them in. */
  public enum Unit {
    YEAR("y", "yr", "year"),
    MONTH("mo", "mon", "month"),
    WEEK("w", "wk", "week"),
    DAY("d", "day"),
    HOUR("h", "hr", "hour"),
    MINUTE("m", "min", "minute"),
    SECOND("s", "sec", "second"),
    MILLISECOND("ms", "msec", "millisecond");

    private final String[] words;

    Unit(String... words) {
      this.words = words;
    }

    /** The short form: {@code w}, {@code mo}. */
    public String letter() {
      return words[0];
    }

    /** The word, singular or plural for {@code count}: {@code 1 week}, {@code 2 weeks}. */
    public String word(long count) {
      String word = words[words.length - 1];
      return count == 1 ? word : word + "s";
    }

    static Unit of(String typed) {
      String word = typed.toLowerCase(Locale.ROOT);
      for (Unit unit : values()) {
        for (String w : unit.words) {
          if (word.equals(w) || word.length() > 2 && word.equals(w + "s")) {
            return unit;
          }
        }
      }
      return null;
    }
  }

  private final Map<Unit, Integer> parts;

  private TimeLength(Map<Unit, Integer> parts) {
    this.parts = parts;
  }

  /** Parses {@code text}; a refusal names {@code field}, the text and {@link #ACCEPTED}. */
  public static TimeLength parse(String field, String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new CatalogValidationException(field, text, ACCEPTED);
    }
    Map<Unit, Integer> parts = new EnumMap<>(Unit.class);
    Matcher part = PART.matcher(text);
    while (part.find()) {
      String typed = part.group(2);
      if (typed.equals("M")) {
        throw new CatalogValidationException(field, text, "\"M\" could be months or minutes: write mo or m", ACCEPTED);
      }
      Unit unit = Unit.of(typed);
      if (unit == null) {
        throw new CatalogValidationException(field, text, "unknown unit \"" + typed + "\"", ACCEPTED);
      }
      if (parts.putIfAbsent(unit, Integer.parseInt(part.group(1))) != null) {
        throw new CatalogValidationException(field, text, "unit " + unit.word(2) + " given twice", ACCEPTED);
      }
    }
    parts.values().removeIf(count -> count == 0);
    return new TimeLength(parts);
  }

  /** Parses a length that must be above zero. */
  public static TimeLength positive(String field, String text) {
    TimeLength length = parse(field, text);
    if (length.isZero()) {
      throw new CatalogValidationException(field, text, "it adds up to zero", ACCEPTED);
    }
    return length;
  }

  /**
   * Parses a length of fixed size: weeks and shorter units. Months and years are refused, since
   * their length depends on when they start.
   */
  public static Duration fixed(String field, String text) {
    TimeLength length = parse(field, text);
    Duration total = Duration.ZERO;
    for (Map.Entry<Unit, Integer> part : length.parts.entrySet()) {
      long n = part.getValue();
      total = total.plus(switch (part.getKey()) {
        case YEAR, MONTH -> throw new CatalogValidationException(field, text,
            "months and years have no fixed length here; use weeks or days", ACCEPTED);
        case WEEK -> Duration.ofDays(7 * n);
        case DAY -> Duration.ofDays(n);
        case HOUR -> Duration.ofHours(n);
        case MINUTE -> Duration.ofMinutes(n);
        case SECOND -> Duration.ofSeconds(n);
        case MILLISECOND -> Duration.ofMillis(n);
      });
    }
    return total;
  }

  public boolean isZero() {
    return parts.isEmpty();
  }

  /** The parts, largest unit first, without those that are zero. */
  public Map<Unit, Integer> parts() {
    return Collections.unmodifiableMap(parts);
  }

  /** {@code start} plus this length, with calendar months and years in UTC. */
  public Instant after(Instant start) {
    return shift(start, 1);
  }

  /** {@code end} minus this length, with calendar months and years in UTC. */
  public Instant before(Instant end) {
    return shift(end, -1);
  }

  private Instant shift(Instant from, int sign) {
    ZonedDateTime time = from.atZone(ZoneOffset.UTC);
    for (Map.Entry<Unit, Integer> part : parts.entrySet()) {
      long n = sign * (long) part.getValue();
      time = switch (part.getKey()) {
        case YEAR -> time.plusYears(n);
        case MONTH -> time.plusMonths(n);
        case WEEK -> time.plusWeeks(n);
        case DAY -> time.plusDays(n);
        case HOUR -> time.plusHours(n);
        case MINUTE -> time.plusMinutes(n);
        case SECOND -> time.plusSeconds(n);
        case MILLISECOND -> time.plusNanos(n * 1_000_000L);
      };
    }
    return time.toInstant();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TimeLength that && parts.equals(that.parts);
  }

  @Override
  public int hashCode() {
    return parts.hashCode();
  }
}
