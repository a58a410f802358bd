package io.coffer.source;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dotted version numbers as servers and tools print them ({@code 15.20 (Debian …)}, {@code 10.11.19-MariaDB}). */
public final class Versions {

  private static final Pattern DOTTED = Pattern.compile("(\\d+(?:\\.\\d+)*)");

  private Versions() {}

  /** The first dotted number in the text: {@code "pg_dump (PostgreSQL) 15.20"} gives [15, 20]. */
  public static List<Integer> numbers(String text) {
    Matcher m = DOTTED.matcher(text == null ? "" : text);
    List<Integer> out = new ArrayList<>();
    if (m.find()) {
      for (String part : m.group(1).split("\\.")) {
        out.add(Integer.parseInt(part));
      }
    }
    return out;
  }

  /** The first dotted number in the text, as text ({@code 15.20}); empty if there is none. */
  public static String dotted(String text) {
    Matcher m = DOTTED.matcher(text == null ? "" : text);
    return m.find() ? m.group(1) : "";
  }

  /**
   * Fails when a backup comes from a newer server than the target: its first {@code parts} version
   * numbers are compared (1 for PostgreSQL's major version, 2 for MariaDB's and SQLite's).
   *
   * @throws SourceException VERSION_TOO_NEW, naming both versions and what would work
   */
  public static void requireRestorable(
      String product, String backupVersion, String targetVersion, int parts, String target)
      throws SourceException {
    if (compare(backupVersion, targetVersion, parts) > 0) {
      List<Integer> n = numbers(backupVersion);
      String needed =
          n.subList(0, Math.min(parts, n.size())).stream()
              .map(String::valueOf)
              .collect(java.util.stream.Collectors.joining("."));
      throw new SourceException(
          SourceException.Reason.VERSION_TOO_NEW,
          "backup comes from "
              + product
              + " "
              + backupVersion
              + ", newer than the target "
              + target
              + " ("
              + product
              + " "
              + targetVersion
              + "); restore it to version "
              + needed
              + " or later");
    }
  }

  /** Compares the first {@code parts} numbers of two versions; missing numbers count as 0. */
  public static int compare(String a, String b, int parts) {
    List<Integer> x = numbers(a);
    List<Integer> y = numbers(b);
    for (int i = 0; i < parts; i++) {
      int c = Integer.compare(i < x.size() ? x.get(i) : 0, i < y.size() ? y.get(i) : 0);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
