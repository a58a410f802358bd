package io.coffer.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compares the table contents a backup recorded with those of a restored database. */
public final class ContentCheck {

  private ContentCheck() {}

  /** One line per difference (missing or extra table, row count, checksum); empty when equal. */
  public static List<String> differences(List<TableReport> expected, List<TableReport> actual) {
    Map<String, TableReport> found = new LinkedHashMap<>();
    for (TableReport t : actual) {
      found.put(t.qualifiedName(), t);
    }
    List<String> out = new ArrayList<>();
    for (TableReport want : expected) {
      TableReport got = found.remove(want.qualifiedName());
      if (got == null) {
        out.add("table " + want.qualifiedName() + " is missing");
      } else if (got.rows() != want.rows()) {
        out.add(
            "table "
                + want.qualifiedName()
                + " has "
                + got.rows()
                + " rows, the backup recorded "
                + want.rows());
      } else if (!got.checksum().equals(want.checksum())) {
        out.add("table " + want.qualifiedName() + " has different content (checksum differs)");
      }
    }
    for (String extra : found.keySet()) {
      out.add("table " + extra + " is not in the backup");
    }
    return out;
  }
}
