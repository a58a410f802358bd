package io.coffer.engine.backup;

import io.coffer.catalog.retention.Expire;
import io.coffer.model.Kind;
import java.util.Optional;

/**
 * A backup someone asked for: of a definition, or by hand of a node's databases. Unset values come
 * from the definition, the node's settings or the configuration when the order is planned.
 */
public final class BackupOrder {

  private final Long definitionId;
  private Long oneoffId;
  private final String node;
  private final String databases;
  private Kind kind;
  private Integer level;
  private Expire expire;
  private String volume;
  private String quiesce;
  private String onChange;
  private boolean forceUnquiesced;

  private BackupOrder(Long definitionId, String node, String databases) {
    this.definitionId = definitionId;
    this.node = node;
    this.databases = databases;
  }

  /** A run of definition {@code id} now. */
  public static BackupOrder ofDefinition(long id) {
    return new BackupOrder(id, null, null);
  }

  /** The backup a one-off plans: its node, databases, kind, volume and expiry. */
  public static BackupOrder ofOneoff(long id) {
    BackupOrder order = new BackupOrder(null, null, null);
    order.oneoffId = id;
    return order;
  }

  /** A backup by hand of {@code databases} (a name, a list, a pattern or #all_databases#) of a node. */
  public static BackupOrder byHand(String node, String databases) {
    return new BackupOrder(null, node, databases);
  }

  public BackupOrder kind(Kind value) {
    this.kind = value;
    return this;
  }

  public BackupOrder level(Integer value) {
    this.level = value;
    return this;
  }

  public BackupOrder expire(Expire value) {
    this.expire = value;
    return this;
  }

  public BackupOrder volume(String value) {
    this.volume = value;
    return this;
  }

  /** FILES: the quiesce method and its settings in one line ({@link io.coffer.source.quiesce.QuiesceSpec}). */
  public BackupOrder quiesce(String line) {
    this.quiesce = line;
    return this;
  }

  /** FILES: {@code warn} or {@code fail} on a file that changed while it was read. */
  public BackupOrder onChange(String policy) {
    this.onChange = policy;
    return this;
  }

  /** FILES: copy a database's files with quiesce {@code none}, knowing the copy may not open. */
  public BackupOrder forceUnquiesced(boolean force) {
    this.forceUnquiesced = force;
    return this;
  }

  public Optional<String> quiesce() {
    return Optional.ofNullable(quiesce).filter(q -> !q.isBlank());
  }

  public Optional<String> onChange() {
    return Optional.ofNullable(onChange).filter(q -> !q.isBlank());
  }

  public boolean isForceUnquiesced() {
    return forceUnquiesced;
  }

  public Optional<Long> definitionId() {
    return Optional.ofNullable(definitionId);
  }

  public Optional<Long> oneoffId() {
    return Optional.ofNullable(oneoffId);
  }

  public String node() {
    return node;
  }

  public String databases() {
    return databases;
  }

  public Optional<Kind> kind() {
    return Optional.ofNullable(kind);
  }

  public Optional<Integer> level() {
    return Optional.ofNullable(level);
  }

  public Optional<Expire> expire() {
    return Optional.ofNullable(expire);
  }

  public Optional<String> volume() {
    return Optional.ofNullable(volume);
  }
}
