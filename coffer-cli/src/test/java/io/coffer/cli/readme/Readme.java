package io.coffer.cli.readme;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads README code blocks the way a shell would read them, for the few forms the quick starts
 * use: comments after {@code #}, single and double quotes, {@code &&} and {@code |}.
 */
final class Readme {

  private Readme() {}

  /** The repository's root: the nearest directory upwards holding README.md and the module coffer-cli. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.exists(dir.resolve("README.md")) || !Files.isDirectory(dir.resolve("coffer-cli"))) {
      dir = dir.getParent();
    }
    return dir;
  }

  /** The lines of the first {@code ```sh} block after {@code heading}, comments and blank lines left out. */
  static List<String> codeBlock(String markdown, String heading) {
    int at = markdown.indexOf("\n" + heading + "\n");
    if (at < 0) {
      throw new AssertionError("README has no heading " + heading);
    }
    int start = markdown.indexOf("```sh\n", at);
    int end = markdown.indexOf("\n```", start + 6);
    List<String> lines = new ArrayList<>();
    for (String line : markdown.substring(start + 6, end).split("\n")) {
      String command = withoutComment(line).strip();
      if (!command.isEmpty()) {
        lines.add(command);
      }
    }
    return lines;
  }

  /** {@code text} cut at each {@code separator} that is outside quotes. */
  static List<String> split(String text, String separator) {
    List<String> parts = new ArrayList<>();
    char quote = 0;
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (text.startsWith(separator, i)
          && !(separator.equals("|") && (text.startsWith("||", i) || i > 0 && text.charAt(i - 1) == '|'))) {
        parts.add(text.substring(from, i).strip());
        from = i + separator.length();
        i = from - 1;
      }
    }
    parts.add(text.substring(from).strip());
    return parts;
  }

  /** The words of one command, quotes removed. */
  static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (char c : command.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  /** The line up to a {@code #} that starts a word outside quotes. */
  private static String withoutComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
