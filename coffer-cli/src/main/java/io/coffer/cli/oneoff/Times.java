package io.coffer.cli.oneoff;

import io.coffer.catalog.CatalogValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Times as typed on the command line: {@code now}, an instant, a local date-time or a date. */
public final class Times {

  private Times() {}

  public static Instant parse(String field, String text) {
    String value = text == null || text.isBlank() ? "now" : text.strip();
    if (value.equals("now")) {
      return Instant.now();
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException notInstant) {
      try {
        return LocalDateTime.parse(value.replace(' ', 'T')).atZone(ZoneId.systemDefault()).toInstant();
      } catch (DateTimeParseException notDateTime) {
        try {
          return LocalDate.parse(value).atStartOfDay(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException e) {
          throw new CatalogValidationException(field, text,
              "now, a date 2026-12-01, a local time 2026-12-01T02:00 or an instant 2026-12-01T01:00:00Z");
        }
      }
    }
  }
}
