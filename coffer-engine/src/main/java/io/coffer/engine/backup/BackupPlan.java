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
    FilesSettings files) {}
