package io.coffer.catalog.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.coffer.catalog.CatalogValidationException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A five-field UNIX cron schedule: minute, hour, day of month, month, day of week. Validated with
 * cron-utils when built, so an invalid schedule never reaches the catalog; an error names the one
 * field that is wrong.
 */
public final class CronSpec {

  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final List<String> FIELDS =
      List.of("cron minute", "cron hour", "cron day-of-month", "cron month", "cron day-of-week");
  private static final String ACCEPTED =
      "five fields: minute (0-59), hour (0-23), day of month (1-31), month (1-12 or jan-dec),"
          + " day of week (0-7 or sun-sat), each *, a number, a range a-b, a list a,b or a step */n,"
          + " e.g. \"41 1 * * *\"";

  private static final String PREAMBLE = "Failed to parse cron expression. ";

  /**
   * Parsed schedules by expression. An agent evaluates each of its definitions' schedules at start
   * and at every fire time; parsing dominated its start with ten thousand definitions, while the
   * distinct expressions among them are few. Bounded: emptied when it grows past the bound.
   */
  private static final int PARSED_BOUND = 4096;
  private static final java.util.concurrent.ConcurrentHashMap<String, ExecutionTime> PARSED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final List<String> fields;
  private final String expression;

  private CronSpec(List<String> fields) {
    this.fields = fields;
    this.expression = String.join(" ", fields);
  }

  /** Parses {@code "41 1 * * *"}. */
  public static CronSpec parse(String expression) {
    String[] parts = expression == null ? new String[0] : expression.strip().split("\\s+");
    if (parts.length != 5) {
      throw new CatalogValidationException("cron", expression, ACCEPTED);
    }
    return of(parts[0], parts[1], parts[2], parts[3], parts[4]);
  }

  /** Builds a schedule from its five fields, as PgBackMan's five cron arguments. */
  public static CronSpec of(String minute, String hour, String dayOfMonth, String month, String dayOfWeek) {
    List<String> given = List.of(strip(minute), strip(hour), strip(dayOfMonth), strip(month), strip(dayOfWeek));
    String expression = String.join(" ", given);
    try {
      if (given.stream().anyMatch(field -> field.isEmpty() || field.chars().anyMatch(Character::isWhitespace))) {
        throw new IllegalArgumentException("a field is empty or has blanks inside");
      }
      PARSER.parse(expression).validate();
    } catch (IllegalArgumentException e) {
      for (int i = 0; i < given.size(); i++) {
        checkField(i, given.get(i));
      }
      throw new CatalogValidationException("cron", expression, reason(e), ACCEPTED);
    }
    return new CronSpec(given);
  }

  /**
   * A schedule read back from the catalog, which validated it when it was written. It is not
   * parsed again: listing ten thousand definitions must not run the cron parser ten thousand times
   * (about 15 µs each).
   */
  public static CronSpec fromCatalog(String minute, String hour, String dayOfMonth, String month, String dayOfWeek) {
    return new CronSpec(List.of(minute, hour, dayOfMonth, month, dayOfWeek));
  }

  /**
   * Checks one field alone, with every other field {@code *}, so that the error names the field at
   * fault rather than the whole expression. Only run once the whole expression failed.
   */
  private static void checkField(int index, String value) {
    if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
      throw new CatalogValidationException(FIELDS.get(index), value, ACCEPTED);
    }
    String[] probe = {"*", "*", "*", "*", "*"};
    probe[index] = value;
    try {
      PARSER.parse(String.join(" ", probe)).validate();
    } catch (IllegalArgumentException e) {
      throw new CatalogValidationException(FIELDS.get(index), value, reason(e), ACCEPTED);
    }
  }

  /** cron-utils' complaint without the preamble it puts before every one. */
  private static String reason(IllegalArgumentException e) {
    String message = String.valueOf(e.getMessage());
    return message.startsWith(PREAMBLE) ? message.substring(PREAMBLE.length()) : message;
  }

  private static String strip(String field) {
    return field == null ? "" : field.strip();
  }

  public String minute() {
    return fields.get(0);
  }

  public String hour() {
    return fields.get(1);
  }

  public String dayOfMonth() {
    return fields.get(2);
  }

  public String month() {
    return fields.get(3);
  }

  public String dayOfWeek() {
    return fields.get(4);
  }

  /** The next time this schedule fires strictly after {@code after}, in {@code zone}. */
  public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
    return times().nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
  }

  /** The last time this schedule fired strictly before {@code before}, in {@code zone}. */
  public Optional<Instant> lastBefore(Instant before, ZoneId zone) {
    return times().lastExecution(ZonedDateTime.ofInstant(before, zone)).map(ZonedDateTime::toInstant);
  }

  private ExecutionTime times() {
    ExecutionTime times = PARSED.get(expression);
    if (times == null) {
      if (PARSED.size() >= PARSED_BOUND) {
        PARSED.clear();
      }
      times = ExecutionTime.forCron(PARSER.parse(expression));
      PARSED.put(expression, times);
    }
    return times;
  }

  /** The five fields separated by single spaces. */
  @Override
  public String toString() {
    return expression;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CronSpec that && expression.equals(that.expression);
  }

  @Override
  public int hashCode() {
    return expression.hashCode();
  }
}
