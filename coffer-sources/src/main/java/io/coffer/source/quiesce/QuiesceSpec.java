package io.coffer.source.quiesce;

import io.coffer.source.process.ShellWords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A quiesce method with its settings written as one line, the way nodes and definitions keep it and
 * the CLI takes it: the method, then {@code KEY=VALUE} words quoted as in a POSIX shell, e.g. {@code
 * stop-start stop='systemctl stop postgresql' start='systemctl start postgresql' timeout=5m}. Parsing
 * checks the method and every setting ({@link QuiesceMethods#check}); {@link #toString()} gives the
 * canonical line (settings sorted, quoted only where needed).
 */
public final class QuiesceSpec {

  /** Reads the directory as it is. */
  public static final QuiesceSpec NONE = new QuiesceSpec("none", Map.of());

  private final String method;
  private final Map<String, String> settings;

  private QuiesceSpec(String method, Map<String, String> settings) {
    this.method = method;
    this.settings = new TreeMap<>(settings);
  }

  /** The line parsed and checked; a blank line is {@code none}. */
  public static QuiesceSpec parse(String line) {
    List<String> words = words(line == null ? "" : line);
    if (words.isEmpty()) {
      return NONE;
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (String word : words.subList(1, words.size())) {
      int eq = word.indexOf('=');
      if (eq <= 0) {
        throw new InvalidQuiesceOption("method", line, "a method followed by KEY=VALUE settings, e.g. stop-start"
            + " stop='systemctl stop db' start='systemctl start db'; '" + word + "' is not KEY=VALUE");
      }
      if (settings.put(word.substring(0, eq), word.substring(eq + 1)) != null) {
        throw new InvalidQuiesceOption(word.substring(0, eq), word.substring(eq + 1), "each setting once");
      }
    }
    return new QuiesceSpec(QuiesceMethods.check(words.get(0), settings), settings);
  }

  public String method() {
    return method;
  }

  public Map<String, String> settings() {
    return Map.copyOf(settings);
  }

  /** The method, ready to hold {@code dataDirectory}; pending commands are noted in {@code stateDirectory}. */
  public Quiesce create(Path dataDirectory, Path stateDirectory, Tools tools) {
    return QuiesceMethods.create(method, settings, dataDirectory, stateDirectory, tools);
  }

  @Override
  public String toString() {
    StringBuilder line = new StringBuilder(method);
    settings.forEach((key, value) -> line.append(' ').append(key).append('=').append(ShellWords.quote(value)));
    return line.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuiesceSpec other && method.equals(other.method) && settings.equals(other.settings);
  }

  @Override
  public int hashCode() {
    return method.hashCode() * 31 + settings.hashCode();
  }

  /** Splits a line into words as a POSIX shell does: single quotes, double quotes, backslashes. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        i++;
        continue;
      }
      word = word == null ? new StringBuilder() : word;
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw unbalanced(line, "'");
        }
        word.append(line, i + 1, end);
        i = end + 1;
      } else if (c == '"') {
        i = doubleQuoted(line, i + 1, word);
      } else if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(i + 1));
        i += 2;
      } else {
        word.append(c);
        i++;
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  /** Appends a double-quoted part starting after its quote; returns the index after the closing quote. */
  private static int doubleQuoted(String line, int from, StringBuilder word) {
    int i = from;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
        word.append(line.charAt(i + 1));
        i += 2;
      } else {
        word.append(c);
        i++;
      }
    }
    throw unbalanced(line, "\"");
  }

  private static InvalidQuiesceOption unbalanced(String line, String quote) {
    return new InvalidQuiesceOption("method", line, "a line whose quotes are balanced (an unclosed " + quote + ")");
  }
}
