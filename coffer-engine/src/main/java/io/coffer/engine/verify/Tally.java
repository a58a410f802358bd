package io.coffer.engine.verify;

import io.coffer.source.ContentCheck;
import io.coffer.source.MemberReport;
import io.coffer.source.TableReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a verification found so far, member by member: tables and rows checked, and the differences,
 * each prefixed with the member's database so a group's lines say where they belong.
 *
 * <p>A member is compared with the report in the volume, which is what the restore read. When the
 * catalog's copy of that report says something else about the member's tables, the restored
 * contents are compared with the catalog's copy too: the catalog is what people read ({@code backup
 * contents}), and a disagreement between the two records is itself worth failing on.
 */
final class Tally {

  private long tables;
  private long rows;
  private final List<String> differences = new ArrayList<>();

  /** Compares a restored member's tables with what the backup recorded. */
  void compare(MemberReport member, Optional<MemberReport> catalogCopy, List<TableReport> restored) {
    count(restored);
    for (String difference : ContentCheck.differences(member.tables(), restored)) {
      differences.add(member.database() + ": " + difference);
    }
    if (catalogCopy.isPresent() && !ContentCheck.differences(catalogCopy.get().tables(), member.tables()).isEmpty()) {
      for (String difference : ContentCheck.differences(catalogCopy.get().tables(), restored)) {
        differences.add(member.database() + ": " + difference + " (as the catalog recorded it)");
      }
    }
  }

  /** A SCHEMA backup holds no rows to compare: its tables were restored, which is what is checked. */
  void schemaLoaded(List<TableReport> restored) {
    tables += restored.size();
  }

  /** A difference the restore itself found (SQLite checks a restored file before it moves it in place). */
  void restoreFound(String database, String problem) {
    differences.add(database + ": " + problem);
  }

  private void count(List<TableReport> restored) {
    tables += restored.size();
    rows += restored.stream().mapToLong(TableReport::rows).sum();
  }

  long tables() {
    return tables;
  }

  long rows() {
    return rows;
  }

  List<String> differences() {
    return differences;
  }
}
