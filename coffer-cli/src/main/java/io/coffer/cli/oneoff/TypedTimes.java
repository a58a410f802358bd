package io.coffer.cli.oneoff;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.time.TimeLength;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times as typed on the command line: {@code now}, a time relative to now ({@code +2h} to plan,
 * {@code -1d} or {@code -2 weeks} to look back; any {@link TimeLength}), an instant, a local
 * date-time or a date.
 */
public final class TypedTimes {

  private static final Pattern RELATIVE = Pattern.compile("([+-])\\s*([0-9].*)");

  private TypedTimes() {}

  public static Instant parse(String field, String text) {
    String value = text == null || text.isBlank() ? "now" : text.strip();
    if (value.equals("now")) {
      return Instant.now();
    }
    Matcher relative = RELATIVE.matcher(value);
    if (relative.matches()) {
      TimeLength offset = TimeLength.parse(field, relative.group(2));
      return relative.group(1).equals("+") ? offset.after(Instant.now()) : offset.before(Instant.now());
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
              "now, + or - a length of time (+2h, -1w 3d, -2 weeks), a date 2026-12-01, a local time"
                  + " 2026-12-01T02:00 or an instant 2026-12-01T01:00:00Z");
        }
      }
    }
  }
}
