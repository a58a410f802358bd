package io.coffer.repo.manifest;

import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * A file time as {@link Instant#toString()} writes it (ISO-8601 in UTC, the fraction in groups of
 * three digits, none when zero), without the JDK's formatter for the years 1970 to 9999: trees
 * record every node's mtime and ctime this way, and an unchanged level of 30,000 files spent a tenth
 * of its walk in the formatter's cold code (docs/benchmarks.md). Other years go to the JDK. A
 * restore reads them back with {@link #parse}, the same way round.
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

  /**
   * The instant {@code text} names, exactly as {@link Instant#parse} reads it; the form {@link #of}
   * writes (1970 to 9999, a fraction of 0, 3, 6 or 9 digits) without the JDK's parser, whose cold
   * code took a restore of 30,000 files a quarter of a CPU-second (docs/benchmarks.md). Anything
   * else (other years, other fractions, offsets, lower case, leap seconds, invalid dates) goes to
   * the JDK, which reads or refuses it as it always did.
   */
  public static Instant parse(String text) {
    int length = text.length();
    if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
      return Instant.parse(text);
    }
    // Digits after the point: none (and no point), or three, six or nine, as Instant writes them.
    int fraction = length == 20 ? 0 : length - 21;
    if (length != 20 && (text.charAt(19) != '.' || (fraction != 3 && fraction != 6 && fraction != 9))) {
      return Instant.parse(text);
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    int nanos = fraction == 0 ? 0 : number(text, 20, fraction);
    // A field with a character that is not a digit is negative here.
    if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59 || nanos < 0) {
      return Instant.parse(text);
    }
    for (int i = fraction; i < 9; i++) {
      nanos *= 10;
    }
    // A civil date to days since 1970-01-01 (H. Hinnant's algorithm, the inverse of the one above).
    int y = month <= 2 ? year - 1 : year;
    long era = y / 400;
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    long days = era * 146_097 + dayOfEra - 719_468;
    return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second, nanos);
  }

  /** The decimal number of {@code width} digits at {@code at}, or negative when one is not a digit. */
  private static int number(String text, int at, int width) {
    int value = 0;
    for (int i = at; i < at + width; i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  private static int daysIn(int year, int month) {
    if (month == 2) {
      return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
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
