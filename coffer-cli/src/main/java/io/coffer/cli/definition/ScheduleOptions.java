package io.coffer.cli.definition;

import io.coffer.catalog.schedule.CronSpec;
import picocli.CommandLine.Option;

/** The five cron fields, given one by one (PgBackMan's way) or together with {@code --cron}. */
final class ScheduleOptions {

  @Option(names = "--cron", paramLabel = "\"M H DOM MON DOW\"", description = "The five cron fields at once.")
  String cron;

  @Option(names = "--minute", paramLabel = "M", description = "Cron minute (default: random in the node's window).")
  String minute;

  @Option(names = "--hour", paramLabel = "H", description = "Cron hour (default: random in the node's window).")
  String hour;

  @Option(names = "--day-of-month", paramLabel = "DOM", description = "Cron day of month (default *).")
  String dayOfMonth;

  @Option(names = "--month", paramLabel = "MON", description = "Cron month (default *).")
  String month;

  @Option(names = "--day-of-week", paramLabel = "DOW", description = "Cron day of week (default *).")
  String dayOfWeek;

  /** The fields, {@code --cron} first, individual options overriding it; null where unset. */
  String[] fields() {
    String[] fields = new String[5];
    if (cron != null && !cron.isBlank()) {
      CronSpec spec = CronSpec.parse(cron);
      fields = new String[] {spec.minute(), spec.hour(), spec.dayOfMonth(), spec.month(), spec.dayOfWeek()};
    }
    String[] given = {minute, hour, dayOfMonth, month, dayOfWeek};
    for (int i = 0; i < 5; i++) {
      if (given[i] != null && !given[i].isBlank()) {
        fields[i] = given[i];
      }
    }
    return fields;
  }
}
