package io.coffer.engine.backup;

import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.retention.Expire;
import io.coffer.engine.node.NodeInfo;
import io.coffer.engine.volume.VolumeInfo;
import io.coffer.model.Kind;
import java.util.List;

/**
 * A backup order resolved against the catalog (or the local cache): everything needed to run it.
 *
 * @param parentId the backup a level above 0 builds on; null for level 0, or when planned without
 *     the catalog (the parent is then found when the result is recorded)
 * @param agent the registered agent this process acts as, or null when it is not registered
 * @param offline true when planned from the local cache because the catalog is unreachable
 * @param extraParameters the definition's or one-off's options for the dump tool, already checked
 *     against the node's engine; empty by hand
 * @param files how a FILES backup copies the data directory; null for the other kinds
 *
 * <p>Built with {@link #of}: what differs between plans is named at each call, so two ids or two
 * strings cannot change places unnoticed.
 */
public record BackupPlan(
    NodeInfo node,
    VolumeInfo volume,
    DatabaseSelector databases,
    Kind kind,
    int level,
    Long parentId,
    Long definitionId,
    Long oneoffId,
    Expire expire,
    String agent,
    boolean offline,
    List<String> extraParameters,
    FilesSettings files) {

  /** A plan of a level-0 backup by hand, online; the builder's setters say what else holds. */
  public static Builder of(NodeInfo node, VolumeInfo volume, DatabaseSelector databases, Kind kind) {
    return new Builder(node, volume, databases, kind);
  }

  /** Builds a {@link BackupPlan} with each optional part named. */
  public static final class Builder {
    private final NodeInfo node;
    private final VolumeInfo volume;
    private final DatabaseSelector databases;
    private final Kind kind;
    private int level;
    private Long parentId;
    private Long definitionId;
    private Long oneoffId;
    private Expire expire;
    private String agent;
    private boolean offline;
    private List<String> extraParameters = List.of();
    private FilesSettings files;

    private Builder(NodeInfo node, VolumeInfo volume, DatabaseSelector databases, Kind kind) {
      this.node = node;
      this.volume = volume;
      this.databases = databases;
      this.kind = kind;
    }

    /** The level, and the backup it builds on (null for level 0 or when not known yet). */
    public Builder level(int value, Long parent) {
      this.level = value;
      this.parentId = parent;
      return this;
    }

    public Builder definition(Long id) {
      this.definitionId = id;
      return this;
    }

    public Builder oneoff(Long id) {
      this.oneoffId = id;
      return this;
    }

    public Builder expire(Expire value) {
      this.expire = value;
      return this;
    }

    public Builder agent(String name) {
      this.agent = name;
      return this;
    }

    /** Planned from the local cache because the catalog is unreachable. */
    public Builder offline() {
      this.offline = true;
      return this;
    }

    public Builder extraParameters(List<String> value) {
      this.extraParameters = value;
      return this;
    }

    public Builder files(FilesSettings value) {
      this.files = value;
      return this;
    }

    public BackupPlan build() {
      return new BackupPlan(node, volume, databases, kind, level, parentId, definitionId, oneoffId, expire, agent,
          offline, extraParameters, files);
    }
  }
}
