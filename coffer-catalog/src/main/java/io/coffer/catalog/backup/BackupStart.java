package io.coffer.catalog.backup;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.retention.Expire;
import io.coffer.model.Kind;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A backup about to run: which node, databases, volume, kind and level, and on whose behalf (a
 * definition, a one-off, or neither for a backup run by hand).
 */
public final class BackupStart {

  private static final Pattern DATABASE = Pattern.compile("[^,\\p{Cntrl}]{1,128}");

  private final String node;
  private final String volume;
  private final List<String> databases;
  private final Kind kind;
  private Long definitionId;
  private Long oneoffId;
  private String agent;
  private int level;
  private Long parentId;
  private Expire expire;
  private Instant startedAt;

  private BackupStart(String node, String volume, List<String> databases, Kind kind) {
    this.node = node;
    this.volume = volume;
    this.databases = List.copyOf(databases);
    this.kind = kind;
    for (String database : databases) {
      if (!DATABASE.matcher(database).matches()) {
        throw new CatalogValidationException("database", database, "a database name without commas, 1 to 128 characters");
      }
    }
  }

  /** A backup of {@code databases} (empty for a whole node) of {@code node} into {@code volume}. */
  public static BackupStart of(String node, String volume, List<String> databases, Kind kind) {
    return new BackupStart(node, volume, databases, kind);
  }

  public BackupStart definition(long id) {
    this.definitionId = id;
    return this;
  }

  public BackupStart oneoff(long id) {
    this.oneoffId = id;
    return this;
  }

  public BackupStart agent(String reference) {
    this.agent = reference;
    return this;
  }

  /** An incremental: {@code level} 1-9 on top of {@code parent}, a backup of a lower level. */
  public BackupStart level(int level, Long parent) {
    if (level < 0 || level > 9) {
      throw new CatalogValidationException("level", level, "0 (full) to 9");
    }
    this.level = level;
    this.parentId = parent;
    return this;
  }

  /** How long this backup lives after it finishes, overriding the definition's retention period. */
  public BackupStart expire(Expire value) {
    this.expire = value;
    return this;
  }

  /** When it started, if not now: for results replayed from an agent's pending file. */
  public BackupStart startedAt(Instant value) {
    this.startedAt = value;
    return this;
  }

  String node() {
    return node;
  }

  String volume() {
    return volume;
  }

  List<String> databases() {
    return databases;
  }

  Kind kind() {
    return kind;
  }

  Long definitionId() {
    return definitionId;
  }

  Long oneoffId() {
    return oneoffId;
  }

  String agent() {
    return agent;
  }

  int level() {
    return level;
  }

  Long parentId() {
    return parentId;
  }

  Expire expire() {
    return expire;
  }

  Instant startedAt() {
    return startedAt;
  }

  @Override
  public String toString() {
    return "node " + node + " databases " + String.join(",", databases) + " kind " + kind + " level " + level
        + " volume " + volume + (definitionId == null ? "" : " definition " + definitionId)
        + (oneoffId == null ? "" : " one-off " + oneoffId) + (expire == null ? "" : " expire " + expire);
  }
}
