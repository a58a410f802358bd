package io.coffer.cli.oneoff;

import io.coffer.catalog.CatalogValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times as typed on the command line: {@code now}, a time relative to now ({@code +2h} to plan,
 * {@code -1d} to look back; minutes, hours or days), an instant, a local date-time or a date.
 */
public final class Times {

  private static final Pattern RELATIVE = Pattern.compile("([+-])\\s*(\\d{1,6})\\s*([mhd])");

  private Times() {}

  public static Instant parse(String field, String text) {
    String value = text == null || text.isBlank() ? "now" : text.strip();
    if (value.equals("now")) {
      return Instant.now();
    }
    Matcher relative = RELATIVE.matcher(value);
    if (relative.matches()) {
      Duration offset = Duration.of(Long.parseLong(relative.group(2)), switch (relative.group(3)) {
        case "m" -> ChronoUnit.MINUTES;
        case "h" -> ChronoUnit.HOURS;
        default -> ChronoUnit.DAYS;
      });
      return relative.group(1).equals("+") ? Instant.now().plus(offset) : Instant.now().minus(offset);
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
              "now, +2h or -1d (minutes m, hours h, days d), a date 2026-12-01, a local time"
                  + " 2026-12-01T02:00 or an instant 2026-12-01T01:00:00Z");
        }
      }
    }
  }
}
