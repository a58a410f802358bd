package io.coffer.cli.restore;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.restore.FilesTarget;
import io.coffer.catalog.restore.NewRestoreDefinition;
import io.coffer.catalog.restore.TablespaceMap;
import io.coffer.engine.restore.RestoreOrder;
import io.coffer.model.ExistingPolicy;
import io.coffer.model.RolePolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The options of a restore, shared by {@code restore run} (now) and {@code restore add} (later), so
 * that a scheduled restore means exactly what the same options mean by hand. Checked together
 * before anything is done.
 */
final class RestoreCommandOptions {

  @Option(names = "--target-node", paramLabel = "NODE",
      description = "Node to restore to (required; for FILES the backup's node by default).")
  String targetNode;

  @Option(names = "--target-dir", paramLabel = "DIR",
      description = "FILES: directory to restore into. Default: a new <data directory>_<backup time> beside it.")
  String targetDirectory;

  @Option(names = "--path", paramLabel = "PATH", description = "FILES: only this file or directory of the backup.")
  String path;

  @Option(names = "--force", description = "FILES: restore into a non-empty directory, replacing what the backup holds there.")
  boolean force;

  @Option(names = "--start-command", paramLabel = "COMMAND",
      description = "FILES: a shell command run once the files are in place (e.g. start the database).")
  String startCommand;

  @Option(names = "--allow-external-symlinks",
      description = "FILES: restore symlinks that point outside the target (tablespaces); refused by default.")
  boolean externalSymlinks;

  @Option(names = "--tablespace-map", paramLabel = "NAME=DIR",
      description = "PHYSICAL: restore a tablespace (by name or OID) into DIR; repeatable. Default: a new"
          + " <its directory>_<backup time> beside the original.")
  List<String> tablespaceMap;

  @Option(names = "--target-database", paramLabel = "NAME",
      description = "Name of the restored database (sqlite: a file in the node's directory). Default: as backed up.")
  String targetDatabase;

  @Option(names = "--as-timestamped",
      description = "Restore each database as <name>_<backup time, YYYYMMDDTHHMMSS> instead of its own name.")
  boolean timestamped;

  @Option(names = "--keep-failed", description = "Leave what a failed restore created, for inspection; by default it is removed.")
  boolean keepFailed;

  @ArgGroup(exclusive = true)
  Existing existing = new Existing();

  /** What to do with an existing target database; at most one. */
  static final class Existing {
    @Option(names = "--rename-existing", description = "Rename an existing target to <name>_<YYYYMMDDTHHMMSS> first.")
    boolean rename;

    @Option(names = "--drop-existing", description = "Drop an existing target first.")
    boolean drop;
  }

  @Option(names = "--terminate-connections",
      description = "End the sessions connected to an existing target before it is renamed or dropped;"
          + " without it they stop the restore, named.")
  boolean terminateConnections;

  @Option(names = "--roles", paramLabel = "reuse|fail", description = "Existing roles: reuse them (default) or refuse.")
  String roles;

  @Option(names = "--jobs", paramLabel = "N", description = "Parallel jobs loading data. Default: the agent's setting.")
  Integer jobs;

  boolean dropsExisting() {
    return existing.drop;
  }

  RestoreOrder order(long backup) {
    check();
    RestoreOrder order = RestoreOrder.of(backup, given(targetNode) ? targetNode : null).targetDatabase(targetDatabase)
        .jobs(jobs()).targetDirectory(targetDirectory).path(path).startCommand(startCommand)
        .tablespaceMap(TablespaceMap.parse(tablespaceMap));
    if (force) {
      order.force();
    }
    if (externalSymlinks) {
      order.allowExternalSymlinks();
    }
    if (timestamped) {
      order.timestamped();
    }
    if (keepFailed) {
      order.keepFailed();
    }
    if (existing.rename) {
      order.renameExisting();
    }
    if (existing.drop) {
      order.dropExisting();
    }
    if (terminateConnections) {
      order.terminateConnections();
    }
    if (roles() == RolePolicy.FAIL_ON_EXISTING) {
      order.failOnExistingRoles();
    }
    return order;
  }

  NewRestoreDefinition definition(long backup, String agent) {
    check();
    if (given(startCommand)) {
      throw new CatalogValidationException("start-command", "(given)",
          "a scheduled restore cannot run a start command yet; restore run can", "restore add without it");
    }
    if (terminateConnections) {
      throw new CatalogValidationException("terminate-connections", true,
          "a scheduled restore cannot end sessions yet (restore run can)", "restore add without it");
    }
    NewRestoreDefinition spec = NewRestoreDefinition.of(backup, agent, targetNode)
        .existing(existing.rename ? ExistingPolicy.RENAME : existing.drop ? ExistingPolicy.DROP : ExistingPolicy.REFUSE)
        .roles(roles()).jobs(jobs()).files(files());
    if (given(targetDatabase)) {
      spec.targetDatabase(targetDatabase);
    }
    if (timestamped) {
      spec.timestamped();
    }
    if (keepFailed) {
      spec.keepFailed();
    }
    return spec;
  }

  /**
   * Refuses, before anything is sent, the options a restore through a server cannot carry yet: sent
   * without them, the restore would run with its defaults instead of what was asked for. A start
   * command stays on the agent's host: through the API, whoever may queue a restore would run a
   * shell command there.
   */
  void refuseWhatAServerCannotCarry() {
    check();
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("start-command", given(startCommand) ? "(given)" : null);
    given.put("as-timestamped", timestamped ? true : null);
    given.put("keep-failed", keepFailed ? true : null);
    given.put("terminate-connections", terminateConnections ? true : null);
    given.put("roles", roles() == RolePolicy.FAIL_ON_EXISTING ? roles : null);
    given.put("jobs", jobs);
    for (Map.Entry<String, Object> option : given.entrySet()) {
      if (option.getValue() != null) {
        throw new CatalogValidationException(option.getKey(), option.getValue(),
            "a restore through a server takes --target-node, --target-database, --rename-existing or"
                + " --drop-existing, for FILES and PHYSICAL backups --target-dir, --path, --force and"
                + " --allow-external-symlinks, and for PHYSICAL ones --tablespace-map (yet)",
            "leave --" + option.getKey() + " out, or run restore run on the agent's host");
      }
    }
  }

  /** The FILES and PHYSICAL options as a planned or queued restore carries them. */
  FilesTarget files() {
    return new FilesTarget(targetDirectory, path, force, externalSymlinks, TablespaceMap.parse(tablespaceMap));
  }

  private void check() {
    if (timestamped && given(targetDatabase)) {
      throw new CatalogValidationException("as-timestamped", targetDatabase,
          "give either --target-database or --as-timestamped, not both");
    }
    roles();
    jobs();
  }

  private RolePolicy roles() {
    if (!given(roles) || roles.strip().equalsIgnoreCase("reuse")) {
      return RolePolicy.REUSE_EXISTING;
    }
    if (roles.strip().equalsIgnoreCase("fail")) {
      return RolePolicy.FAIL_ON_EXISTING;
    }
    throw new CatalogValidationException("roles", roles, "reuse or fail");
  }

  /** 0 when not given: the agent's configured number. */
  private int jobs() {
    if (jobs != null && jobs < 1) {
      throw new CatalogValidationException("jobs", jobs, "a whole number ≥ 1");
    }
    return jobs == null ? 0 : jobs;
  }

  private static boolean given(String text) {
    return text != null && !text.isBlank();
  }
}
