package io.coffer.source;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * The names a restore gives databases, the same for every engine: the requested name, the backed-up
 * name, or {@code <name>_<YYYYMMDDTHHMMSS>} (UTC) for a timestamped restore (the backup's start) and
 * for an existing database that is renamed out of the way (the moment of planning, read once from
 * the request's clock); staging databases are {@code coffer_restore_<run>_<member number>}.
 */
public final class RestoreNames {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  private RestoreNames() {}

  /** What every name a restore creates for itself starts with. */
  public static final String STAGING_PREFIX = "coffer_restore_";

  public static String timestamp(Instant instant) {
    return STAMP.format(instant);
  }

  /**
   * The timestamp of the moment a restore is planned. A planner takes it once and gives every
   * renamed database this one value; the plan then carries the names.
   */
  public static String planned(RestoreRequest request) {
    return timestamp(request.clock().instant());
  }

  /** The staging database of member {@code index} (from 0) of this run. */
  public static String staging(RestoreRequest request, int index) {
    return STAGING_PREFIX + request.run() + "_" + (index + 1);
  }

  /**
   * The target name of each member, in member order.
   *
   * @throws SourceException INVALID_REQUEST when a target name is given for a group
   */
  public static List<String> targets(BackupReport backup, RestoreRequest request)
      throws SourceException {
    return targets(backup, request, RestoreNames::suffixed);
  }

  /** {@code <name>_<suffix>}. */
  public static String suffixed(String name, String suffix) {
    return name + "_" + suffix;
  }

  /** Like {@link #targets(BackupReport, RestoreRequest)} with an engine's way of adding a suffix. */
  public static List<String> targets(
      BackupReport backup, RestoreRequest request, BinaryOperator<String> suffix)
      throws SourceException {
    List<String> sources = backup.members().stream().map(MemberReport::database).toList();
    if (request.targetDatabase() != null) {
      if (sources.size() != 1) {
        throw new SourceException(
            SourceException.Reason.INVALID_REQUEST,
            "target database "
                + request.targetDatabase()
                + " names one database, but the backup holds "
                + sources.size()
                + " ("
                + String.join(", ", sources)
                + "); restore a group under its own or timestamped names");
      }
      return List.of(request.targetDatabase());
    }
    if (request.timestamped()) {
      String stamp = timestamp(backup.startedAt());
      return sources.stream().map(s -> suffix.apply(s, stamp)).toList();
    }
    return sources;
  }
}
