package io.coffer.catalog.restore;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where a PHYSICAL backup's tablespaces are restored, by tablespace name or OID: {@code
 * --tablespace-map fast=/srv/pg/fast} (repeatable) on the command line, {@code "tablespaceMap":
 * {"fast": "/srv/pg/fast"}} in the API and the console (and so it is written as JSON), one {@code
 * NAME=DIR} line each in the catalog. All three are read here, so the same entry is refused with
 * the same words wherever it came from: no {@code =}, an empty name, a relative directory, a name
 * or a directory given twice.
 * A tablespace not named goes beside its original directory. What depends on the backup (does it
 * hold that tablespace?) and on the agent's host (is the directory new or empty, is there room?)
 * the engine checks.
 */
public record TablespaceMap(@JsonValue Map<String, String> entries) {

  public static final TablespaceMap NONE = new TablespaceMap(Map.of());

  private static final String ACCEPTED = "NAME=DIR: a tablespace's name or OID, and an absolute directory on the"
      + " agent's host, a directory of its own for each";

  public TablespaceMap {
    Map<String, String> checked = new TreeMap<>();
    Map<Path, String> directories = new HashMap<>();
    for (Map.Entry<String, String> e : entries.entrySet()) {
      String name = e.getKey() == null ? "" : e.getKey().strip();
      String directory = e.getValue() == null ? "" : e.getValue().strip();
      String given = name + "=" + directory;
      if (name.isEmpty() || name.contains("=") || name.contains("\n")) {
        throw new RestoreRefusal(RestoreOption.TABLESPACE_MAP, given, "no tablespace name before '='", ACCEPTED);
      }
      Path path = absolute(given, directory);
      String other = directories.putIfAbsent(path, name);
      if (other != null) {
        throw new RestoreRefusal(RestoreOption.TABLESPACE_MAP, given, "tablespace " + other + " goes there too",
            ACCEPTED);
      }
      if (checked.put(name, path.toString()) != null) {
        throw new RestoreRefusal(RestoreOption.TABLESPACE_MAP, given, "tablespace " + name + " is given twice",
            ACCEPTED);
      }
    }
    entries = Collections.unmodifiableMap(checked);
  }

  /** The map as the command line gives it: one {@code NAME=DIR} per entry; null or empty for none. */
  public static TablespaceMap parse(Collection<String> given) {
    if (given == null || given.isEmpty()) {
      return NONE;
    }
    Map<String, String> entries = new LinkedHashMap<>();
    for (String entry : given) {
      int eq = entry.indexOf('=');
      if (eq < 0) {
        throw new RestoreRefusal(RestoreOption.TABLESPACE_MAP, entry, "no '=' between name and directory", ACCEPTED);
      }
      String name = entry.substring(0, eq).strip();
      if (entries.containsKey(name)) {
        throw new RestoreRefusal(RestoreOption.TABLESPACE_MAP, entry, "tablespace " + name + " is given twice",
            ACCEPTED);
      }
      entries.put(name, entry.substring(eq + 1));
    }
    return new TablespaceMap(entries);
  }

  /** The map as the catalog stores it: a {@code NAME=DIR} line per entry, empty for none. */
  static TablespaceMap stored(String text) {
    return text == null || text.isBlank() ? NONE : parse(text.lines().filter(l -> !l.isBlank()).toList());
  }

  /** See {@link #stored(String)}. */
  String text() {
    return entries.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The entries as the command line gives them, for the history and messages. */
  @Override
  public String toString() {
    return entries.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
  }

  private static Path absolute(String given, String directory) {
    Path path;
    try {
      path = Path.of(directory);
    } catch (InvalidPathException e) {
      throw new RestoreRefusal(RestoreOption.TABLESPACE_MAP, given, e.getReason(), ACCEPTED);
    }
    if (directory.isEmpty() || !path.isAbsolute() || directory.contains("\n")) {
      throw new RestoreRefusal(RestoreOption.TABLESPACE_MAP, given, "the directory is not absolute, and the agent's"
          + " working directory is not the caller's", ACCEPTED);
    }
    return path.normalize();
  }
}
