package io.coffer.cli.session;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** Values as the catalog commands print them: UTC times to the second, short durations. */
public final class Text {

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Text() {}

  public static String time(Instant instant) {
    return instant == null ? "" : SECONDS.format(instant);
  }

  public static String time(Optional<Instant> instant) {
    return instant.map(Text::time).orElse("");
  }

  /** {@code 0.8s}, {@code 12s}, {@code 3m 05s}, {@code 2h 01m}. */
  public static String duration(Duration duration) {
    if (duration == null) {
      return "";
    }
    long millis = duration.toMillis();
    if (millis < 10_000) {
      return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    long seconds = duration.toSeconds();
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
  }

  public static String duration(Optional<Duration> duration) {
    return duration.map(Text::duration).orElse("");
  }

  /** An id or a placeholder: a definition-less backup shows "-". */
  public static String id(Long id) {
    return id == null ? "-" : id.toString();
  }
}
