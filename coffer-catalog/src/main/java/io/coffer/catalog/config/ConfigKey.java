package io.coffer.catalog.config;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.Enums;
import io.coffer.catalog.retention.Redundancy;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.catalog.schedule.BackupWindow;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The settings agents and nodes have, each with the check its value must pass. A value is stored
 * in its canonical form (e.g. {@code 7 days}) so every reader parses it the same way.
 */
public enum ConfigKey {
  BACKUP_MINUTE_WINDOW(ConfigScope.NODE, "backup_minute_window", v -> BackupWindow.parse(v, "0").minutes().toString()),
  BACKUP_HOUR_WINDOW(ConfigScope.NODE, "backup_hour_window", v -> BackupWindow.parse("0", v).hours().toString()),
  KIND(ConfigScope.NODE, "kind", v -> Enums.kind(v).name()),
  RETENTION_PERIOD(ConfigScope.NODE, "retention_period", v -> RetentionPeriod.parse(v).toString()),
  RETENTION_REDUNDANCY(ConfigScope.NODE, "retention_redundancy", v -> Redundancy.parse(v).toString()),
  EXTRA_PARAMETERS(ConfigScope.NODE, "extra_parameters", ConfigKey::oneLine),
  NODE_NOTIFICATION_ADDRESS(ConfigScope.NODE, "notification_address", ConfigKey::address),
  NODE_MAX_PARALLEL_JOBS(ConfigScope.NODE, "max_parallel_jobs", ConfigKey::positive),
  /** Checked here for its form only; the engine checks the method and its settings (they are the sources'). */
  QUIESCE(ConfigScope.NODE, "quiesce", ConfigKey::quiesce),
  ON_CHANGE(ConfigScope.NODE, "on_change", ConfigKey::onChange),
  RESTORE_EXCLUDE(ConfigScope.NODE, "restore_exclude", ConfigKey::globs),
  RESTORE_SYNC(ConfigScope.NODE, "restore_sync", ConfigKey::onOff),
  MAX_PARALLEL_JOBS(ConfigScope.AGENT, "max_parallel_jobs", ConfigKey::positive),
  AGENT_NOTIFICATION_ADDRESS(ConfigScope.AGENT, "notification_address", ConfigKey::address);

  private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private final ConfigScope scope;
  private final String key;
  private final UnaryOperator<String> canonical;

  ConfigKey(ConfigScope scope, String key, UnaryOperator<String> canonical) {
    this.scope = scope;
    this.key = key;
    this.canonical = canonical;
  }

  /** The key of this name in {@code scope}, or an error listing the keys the scope has. */
  public static ConfigKey parse(ConfigScope scope, String key) {
    String wanted = key == null ? "" : key.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values())
        .filter(k -> k.scope == scope && k.key.equals(wanted))
        .findFirst()
        .orElseThrow(() -> new CatalogValidationException("key", key, "for " + (scope == ConfigScope.AGENT ? "an agent" : "a node")
            + ", one of " + Arrays.stream(values()).filter(k -> k.scope == scope).map(k -> k.key)
                .collect(Collectors.joining(", "))));
  }

  public ConfigScope scope() {
    return scope;
  }

  public String key() {
    return key;
  }

  /** The value in canonical form, or a {@link CatalogValidationException} naming the key. */
  public String check(String value) {
    try {
      return canonical.apply(value == null ? "" : value.strip());
    } catch (CatalogValidationException e) {
      throw e.renamed(key);
    }
  }

  private static String oneLine(String value) {
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new CatalogValidationException("extra_parameters", value, "one line of text");
    }
    return value;
  }

  private static String quiesce(String value) {
    if (value.isEmpty() || value.chars().anyMatch(Character::isISOControl)) {
      throw new CatalogValidationException("quiesce", value, "one line: a quiesce method (none, stop-start, pre-post,"
          + " btrfs, lvm, zfs) and its KEY=VALUE settings");
    }
    return value;
  }

  /** Comma-separated glob patterns, each valid; stored without blanks around the commas. */
  private static String globs(String value) {
    java.util.List<String> globs = new java.util.ArrayList<>();
    for (String glob : value.split(",")) {
      String g = glob.strip();
      if (g.isEmpty()) {
        continue;
      }
      try {
        java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + g);
      } catch (IllegalArgumentException e) {
        throw new CatalogValidationException("restore_exclude", g, "glob patterns such as postmaster.pid or *.lock,"
            + " separated by commas (" + e.getMessage() + ")");
      }
      if (g.contains("/")) {
        throw new CatalogValidationException("restore_exclude", g, "patterns for one name, without /");
      }
      globs.add(g);
    }
    return String.join(",", globs);
  }

  private static String onChange(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    if (!v.equals("warn") && !v.equals("fail")) {
      throw new CatalogValidationException("on_change", value, "warn or fail");
    }
    return v;
  }

  private static String onOff(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (!v.equals("on") && !v.equals("off")) {
      throw new CatalogValidationException("restore_sync", value, "on or off");
    }
    return v;
  }

  private static String address(String value) {
    if (!value.isEmpty() && !ADDRESS.matcher(value).matches()) {
      throw new CatalogValidationException("notification_address", value, "an e-mail address, or empty for none");
    }
    return value;
  }

  private static String positive(String value) {
    try {
      int count = Integer.parseInt(value);
      if (count >= 1 && count <= 64) {
        return Integer.toString(count);
      }
    } catch (NumberFormatException e) {
      // falls through to the error below, which names the value
    }
    throw new CatalogValidationException("max_parallel_jobs", value, "a whole number from 1 to 64");
  }

  @Override
  public String toString() {
    return key;
  }
}
