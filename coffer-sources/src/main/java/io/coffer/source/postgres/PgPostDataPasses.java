package io.coffer.source.postgres;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits the table of contents of a post-data archive ({@code pg_restore --list}) into the plain
 * index builds and everything else, for two {@code pg_restore --jobs --use-list} passes: the indexes
 * first, then the constraints, triggers and the rest.
 *
 * <p>Why: pg_restore keeps an {@code ALTER TABLE … ADD CONSTRAINT} (which takes an ACCESS EXCLUSIVE
 * lock) from starting beside an index build on the same table only by the table's entry in the
 * archive, and the post-data archive of a backup holds no table entries: they are in the pre-data
 * script. With more jobs than a table has plain indexes, pg_restore therefore started a primary key
 * beside that table's index builds; it queued for its lock, every later index build of the table
 * queued behind it, and the table's indexes were built one at a time: with {@code --jobs 4}
 * post-data took longer than with 2 (docs/benchmarks.md). Index builds only take SHARE locks, which
 * do not conflict, so a pass of indexes alone runs them side by side, as pg_restore does with a
 * whole archive, and the constraints follow.
 */
final class PgPostDataPasses {

  /** A TOC line of a plain index: "ID; CATALOG OID INDEX schema name owner" (not INDEX ATTACH). */
  private static final Pattern INDEX = Pattern.compile("^\\d+; \\d+ \\d+ INDEX (?!ATTACH )");

  private PgPostDataPasses() {}

  /**
   * The passes as {@code --use-list} files, in order, leaving out empty ones.
   *
   * @param toc the output of {@code pg_restore --list}
   */
  static List<String> of(String toc) {
    StringBuilder indexes = new StringBuilder();
    StringBuilder rest = new StringBuilder();
    for (String line : toc.split("\n")) {
      if (line.isBlank() || line.startsWith(";")) {
        continue;
      }
      (INDEX.matcher(line).find() ? indexes : rest).append(line).append('\n');
    }
    return java.util.stream.Stream.of(indexes, rest).filter(b -> b.length() > 0).map(StringBuilder::toString)
        .toList();
  }
}
