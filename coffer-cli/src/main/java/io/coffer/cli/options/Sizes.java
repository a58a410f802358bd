package io.coffer.cli.options;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes as people type them: plain bytes or a number with K, M or G (powers of 1024). */
public final class Sizes {

  public static final String ACCEPTED = "use bytes or a number with K, M or G (powers of 1024), e.g. 512K, 8M, 1G";
  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*([KMG]?)(?:I?B)?", Pattern.CASE_INSENSITIVE);

  private Sizes() {}

  /** The size in bytes; IllegalArgumentException names the value and what is accepted. */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a size: " + ACCEPTED);
    }
    long n = Long.parseLong(m.group(1));
    int shift =
        switch (m.group(2).toUpperCase(Locale.ROOT)) {
          case "K" -> 10;
          case "M" -> 20;
          case "G" -> 30;
          default -> 0;
        };
    if (n > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("'" + text + "' is too large a size");
    }
    return n << shift;
  }
}
