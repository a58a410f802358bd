package io.coffer.source.process;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Commands written out for a person to run in a POSIX shell (how to drop what a failed restore
 * kept): each word quoted only when it needs to be, so the line reads naturally and runs as shown.
 */
public final class ShellWords {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@,+%-]+");

  private ShellWords() {}

  /** The words as one command line. */
  public static String join(List<String> words) {
    return String.join(" ", words.stream().map(ShellWords::quote).toList());
  }

  /** One word: as it is when it is plain, otherwise in single quotes. */
  public static String quote(String word) {
    return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
