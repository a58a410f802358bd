package io.coffer.cli.output;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Times for tables: UTC to the second, so columns line up and hosts in other zones agree. */
public final class TableTimes {

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private TableTimes() {}

  /** An ISO-8601 instant as {@code 2026-11-22 10:00:00Z}; anything unparsable is shown as stored. */
  public static String format(String iso) {
    if (iso == null) {
      return "";
    }
    try {
      return SECONDS.format(Instant.parse(iso));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }
}
