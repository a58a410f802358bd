package io.coffer.cli.options;

import io.coffer.repo.VolumeOptions;
import java.util.Locale;

/** A compression choice: zstd at a level of 1 to 19, or none (level 0). */
public record Compression(int level) {

  public static final Compression DEFAULT = new Compression(VolumeOptions.DEFAULT_COMPRESSION);
  public static final String ACCEPTED = "use zstd:1 … zstd:19 (zstd alone means " + DEFAULT + ") or none";

  public static Compression parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("none")) {
      return new Compression(0);
    }
    if (t.equals("zstd")) {
      return DEFAULT;
    }
    if (t.matches("zstd:\\d{1,2}")) {
      int level = Integer.parseInt(t.substring(5));
      if (level >= 1 && level <= 19) {
        return new Compression(level);
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a compression: " + ACCEPTED);
  }

  @Override
  public String toString() {
    return level == 0 ? "none" : "zstd:" + level;
  }
}
