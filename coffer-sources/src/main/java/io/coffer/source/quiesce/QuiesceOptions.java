package io.coffer.source.quiesce;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The settings of one quiesce method as {@code key=value} pairs (as the CLI and the catalog keep
 * them), read and checked by the method's factory: a missing or wrong value fails with the key, the
 * value and what is accepted, and a key the method does not know is refused too.
 */
public final class QuiesceOptions {

  private final String method;
  private final Map<String, String> values;
  private final Set<String> read = new TreeSet<>();

  public QuiesceOptions(String method, Map<String, String> values) {
    this.method = method;
    this.values = new TreeMap<>(values == null ? Map.of() : values);
  }

  String required(String key, String what) {
    String v = optional(key);
    if (v == null) {
      throw new InvalidQuiesceOption(key, null, what + ", required by quiesce method " + method);
    }
    return v;
  }

  String optional(String key) {
    read.add(key);
    String v = values.get(key);
    return v == null || v.isBlank() ? null : v.strip();
  }

  Path path(String key, Path fallback) {
    String v = optional(key);
    if (v == null) {
      return fallback;
    }
    Path p = Path.of(v);
    if (!p.isAbsolute()) {
      throw new InvalidQuiesceOption(key, v, "an absolute path");
    }
    return p;
  }

  /** Seconds, or a number with s, m or h; default when absent. */
  Duration duration(String key, Duration fallback) {
    String v = optional(key);
    if (v == null) {
      return fallback;
    }
    var m = java.util.regex.Pattern.compile("(\\d{1,6})([smh]?)").matcher(v);
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new InvalidQuiesceOption(key, v, "a positive duration such as 90, 90s, 15m or 2h");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }

  /** Refuses keys no getter asked for: a typo must not silently fall back to a default. */
  void refuseUnknown() {
    for (String key : values.keySet()) {
      if (!read.contains(key)) {
        throw new InvalidQuiesceOption(key, values.get(key), "one of " + read + " for quiesce method " + method);
      }
    }
  }
}
