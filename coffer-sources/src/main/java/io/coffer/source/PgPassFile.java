package io.coffer.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads libpq password files: the first matching line wins, {@code *} matches anything. */
final class PgPassFile {

  private PgPassFile() {}

  static Optional<String> lookup(
      List<String> lines, String host, int port, String database, String user) {
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> fields = split(line);
      if (fields.size() != 5) {
        continue;
      }
      if (matches(fields.get(0), host)
          && matches(fields.get(1), Integer.toString(port))
          && matches(fields.get(2), database)
          && matches(fields.get(3), user)) {
        return Optional.of(fields.get(4));
      }
    }
    return Optional.empty();
  }

  private static boolean matches(String pattern, String value) {
    return pattern.equals("*") || pattern.equals(value);
  }

  private static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        current.append(line.charAt(++i));
      } else if (c == ':' && fields.size() < 4) {
        fields.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    fields.add(current.toString());
    return fields;
  }
}
