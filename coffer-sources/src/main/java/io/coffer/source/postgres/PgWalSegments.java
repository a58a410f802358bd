package io.coffer.source.postgres;

import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names of WAL segment files: 24 hex digits, the timeline then the segment number split in a "log"
 * and a segment within it ({@code 0x100000000 / wal_segment_size} segments per log), as PostgreSQL's
 * XLogFileName writes them.
 */
final class PgWalSegments {

  private static final Pattern NAME = Pattern.compile("[0-9A-F]{24}");

  private PgWalSegments() {}

  /** Every segment from {@code first} to {@code last}, both included, on {@code first}'s timeline. */
  static List<String> between(String first, String last, long segmentSize) throws SourceException {
    require(first);
    require(last);
    if (!first.substring(0, 8).equals(last.substring(0, 8))) {
      throw new SourceException(Reason.SERVER_ERROR, "the WAL of the backup changed timeline (from " + first + " to "
          + last + "): the server was promoted while it was copied; take the backup again");
    }
    long perLog = 0x100000000L / segmentSize;
    long from = number(first, perLog);
    long to = number(last, perLog);
    if (to < from) {
      throw new SourceException(Reason.SERVER_ERROR, "WAL segment " + last + " comes before " + first);
    }
    List<String> names = new ArrayList<>();
    for (long n = from; n <= to; n++) {
      names.add(first.substring(0, 8) + String.format(Locale.ROOT, "%08X%08X", n / perLog, n % perLog));
    }
    return names;
  }

  private static long number(String name, long perLog) {
    return Long.parseLong(name.substring(8, 16), 16) * perLog + Long.parseLong(name.substring(16, 24), 16);
  }

  private static void require(String name) throws SourceException {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new SourceException(Reason.SERVER_ERROR, "'" + name + "' is not a WAL segment name (24 hex digits)");
    }
  }
}
