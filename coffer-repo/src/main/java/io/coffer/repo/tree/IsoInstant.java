package io.coffer.repo.tree;

import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * A file time as {@link Instant#toString()} writes it (ISO-8601 in UTC, the fraction in groups of
 * three digits, none when zero), without the JDK's formatter for the years 1970 to 9999: trees
 * record every node's mtime and ctime this way, and an unchanged level of 30,000 files spent a tenth
 * of its walk in the formatter's cold code (docs/benchmarks.md). Other years go to the JDK.
 */
public final class IsoInstant {

  /** 9999-12-31T23:59:59Z. */
  private static final long LAST_FAST_SECOND = 253_402_300_799L;

  private IsoInstant() {}

  public static String of(FileTime time) {
    Instant instant = time.toInstant();
    long seconds = instant.getEpochSecond();
    if (seconds < 0 || seconds > LAST_FAST_SECOND) {
      return instant.toString();
    }
    int nanos = instant.getNano();
    long days = seconds / 86_400;
    int secondOfDay = (int) (seconds % 86_400);
    // Days since 1970-01-01 to a civil date (H. Hinnant's algorithm, for days ≥ 0).
    long z = days + 719_468;
    long era = z / 146_097;
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    char[] out = new char[30];
    int n = 0;
    n = digits(out, n, year, 4);
    out[n++] = '-';
    n = digits(out, n, month, 2);
    out[n++] = '-';
    n = digits(out, n, day, 2);
    out[n++] = 'T';
    n = digits(out, n, secondOfDay / 3600, 2);
    out[n++] = ':';
    n = digits(out, n, secondOfDay / 60 % 60, 2);
    out[n++] = ':';
    n = digits(out, n, secondOfDay % 60, 2);
    if (nanos != 0) {
      out[n++] = '.';
      if (nanos % 1_000_000 == 0) {
        n = digits(out, n, nanos / 1_000_000, 3);
      } else if (nanos % 1000 == 0) {
        n = digits(out, n, nanos / 1000, 6);
      } else {
        n = digits(out, n, nanos, 9);
      }
    }
    out[n++] = 'Z';
    return new String(out, 0, n);
  }

  /** Writes {@code value} as {@code width} decimal digits, zero-padded. */
  private static int digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }
}
