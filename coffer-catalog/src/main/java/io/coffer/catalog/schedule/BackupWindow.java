package io.coffer.catalog.schedule;

import io.coffer.catalog.CatalogValidationException;
import java.util.random.RandomGenerator;

/**
 * The minutes and hours inside which a definition given no minute or hour is scheduled (PgBackMan's
 * backup window), e.g. minutes {@code 0-59} and hours {@code 1-6}. A range whose start is after its
 * end wraps around: hours {@code 22-4} are 22, 23, 0, 1, 2, 3, 4.
 */
public record BackupWindow(Range minutes, Range hours) {

  public static final String MINUTE_FIELD = "backup_minute_window";
  public static final String HOUR_FIELD = "backup_hour_window";

  public static BackupWindow parse(String minutes, String hours) {
    return new BackupWindow(Range.parse(MINUTE_FIELD, minutes, 59), Range.parse(HOUR_FIELD, hours, 23));
  }

  public int randomMinute(RandomGenerator random) {
    return minutes.pick(random);
  }

  public int randomHour(RandomGenerator random) {
    return hours.pick(random);
  }

  /** An inclusive range on a clock face of {@code max + 1} positions. */
  public record Range(int start, int end, int max) {

    static Range parse(String field, String text, int max) {
      String accepted = "a number or a range a-b within 0-" + max + " (a > b wraps around), e.g. \"1-6\"";
      String[] parts = text == null ? new String[0] : text.strip().split("-", -1);
      if (parts.length < 1 || parts.length > 2) {
        throw new CatalogValidationException(field, text, accepted);
      }
      try {
        int start = Integer.parseInt(parts[0].strip());
        int end = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : start;
        if (start < 0 || start > max || end < 0 || end > max) {
          throw new CatalogValidationException(field, text, accepted);
        }
        return new Range(start, end, max);
      } catch (NumberFormatException e) {
        throw new CatalogValidationException(field, text, accepted);
      }
    }

    /** How many positions the range holds. */
    public int size() {
      return start <= end ? end - start + 1 : (max + 1 - start) + end + 1;
    }

    public boolean contains(int value) {
      return start <= end ? value >= start && value <= end : value >= start || value <= end;
    }

    int pick(RandomGenerator random) {
      return (start + random.nextInt(size())) % (max + 1);
    }

    @Override
    public String toString() {
      return start == end ? Integer.toString(start) : start + "-" + end;
    }
  }
}
