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
