package io.coffer.engine.restore;

import io.coffer.catalog.restore.FilesTarget;
import io.coffer.catalog.restore.TablespaceMap;
import io.coffer.model.ExistingPolicy;
import io.coffer.model.RolePolicy;
import java.util.Optional;

/**
 * A restore someone asked for: which backup, onto which node, under which name, and what to do with
 * a database or role that is already there. The safe choices are the defaults: refuse an existing
 * target database, reuse existing roles, really restore.
 */
public final class RestoreOrder {

  private final long backupId;
  private final String targetNode;
  private String targetDatabase;
  private boolean timestamped;
  private ExistingPolicy conflict = ExistingPolicy.REFUSE;
  private RolePolicy roles = RolePolicy.REUSE_EXISTING;
  private boolean terminateConnections;
  private boolean dryRun;
  private boolean keepFailed;
  private int jobs;
  private Long restoreDefinitionId;
  private String targetDirectory;
  private String path;
  private boolean force;
  private String startCommand;
  private boolean externalSymlinks;
  private TablespaceMap tablespaceMap = TablespaceMap.NONE;
  private DirectoryChecks directoryChecks;

  private RestoreOrder(long backupId, String targetNode) {
    this.backupId = backupId;
    this.targetNode = targetNode;
  }

  public static RestoreOrder of(long backupId, String targetNode) {
    return new RestoreOrder(backupId, targetNode);
  }

  /** The name of the restored database (for SQLite a file name in the node's data directory). */
  public RestoreOrder targetDatabase(String name) {
    this.targetDatabase = name == null || name.isBlank() ? null : name.strip();
    return this;
  }

  /** Restores each database under {@code <name>_<backup time>}. */
  public RestoreOrder timestamped() {
    this.timestamped = true;
    return this;
  }

  /** An existing target database is renamed to {@code <name>_<now>} first. */
  public RestoreOrder renameExisting() {
    this.conflict = ExistingPolicy.RENAME;
    return this;
  }

  /** An existing target database is dropped first. */
  public RestoreOrder dropExisting() {
    this.conflict = ExistingPolicy.DROP;
    return this;
  }

  /**
   * End the sessions connected to an existing target before it is renamed or dropped; without it
   * such sessions stop the restore, named.
   */
  public RestoreOrder terminateConnections() {
    this.terminateConnections = true;
    return this;
  }

  /** Refuse when a role of the backup exists on the target, instead of reusing it. */
  public RestoreOrder failOnExistingRoles() {
    this.roles = RolePolicy.FAIL_ON_EXISTING;
    return this;
  }

  /** Compute and show the plan; change nothing. */
  public RestoreOrder dryRun() {
    this.dryRun = true;
    return this;
  }

  /** Leave what a failed restore created, for inspection. */
  public RestoreOrder keepFailed() {
    this.keepFailed = true;
    return this;
  }

  /** Parallel jobs for loading data; 0 uses the configured number. */
  public RestoreOrder jobs(int value) {
    this.jobs = value;
    return this;
  }

  /** FILES: the directory to restore into; default a new sibling {@code <data directory>_<backup time>}. */
  public RestoreOrder targetDirectory(String directory) {
    this.targetDirectory = directory == null || directory.isBlank() ? null : directory.strip();
    return this;
  }

  /** FILES: only this file or directory of the tree ({@code base/16384}). */
  public RestoreOrder path(String value) {
    this.path = value == null || value.isBlank() ? null : value.strip();
    return this;
  }

  /** FILES: restore into a non-empty directory; what the tree holds replaces what is there. */
  public RestoreOrder force() {
    this.force = true;
    return this;
  }

  /** FILES: a shell command run once the files are in place (e.g. start the database on them). */
  public RestoreOrder startCommand(String command) {
    this.startCommand = command == null || command.isBlank() ? null : command.strip();
    return this;
  }

  /** FILES: keep symlinks that point outside the target (a data directory's tablespaces may). */
  public RestoreOrder allowExternalSymlinks() {
    this.externalSymlinks = true;
    return this;
  }

  /**
   * PHYSICAL: where tablespaces go, by name or OID ({@code fast=/srv/pg/fast}); one not named goes
   * into a new sibling {@code <its directory>_<backup time>} of its original directory.
   */
  public RestoreOrder tablespaceMap(TablespaceMap map) {
    this.tablespaceMap = map == null ? TablespaceMap.NONE : map;
    return this;
  }

  /** FILES, PHYSICAL: the target of a planned or queued restore, as the options above would give it. */
  public RestoreOrder files(FilesTarget files) {
    targetDirectory(files.directory()).path(files.path()).tablespaceMap(files.tablespaces());
    if (files.force()) {
      force();
    }
    if (files.externalSymlinks()) {
      allowExternalSymlinks();
    }
    return this;
  }

  /**
   * FILES, PHYSICAL: a restore planned here for an agent that writes it (the API's, the console's),
   * whose directories are checked here only when that agent runs on this host. Without it the
   * restore is written by this process, which checks them.
   */
  RestoreOrder directoriesCheckedBy(DirectoryChecks checks) {
    this.directoryChecks = checks;
    return this;
  }

  DirectoryChecks directoryChecks() {
    return directoryChecks == null ? DirectoryChecks.writtenHere() : directoryChecks;
  }

  public Optional<String> targetDirectory() {
    return Optional.ofNullable(targetDirectory);
  }

  Optional<String> path() {
    return Optional.ofNullable(path);
  }

  boolean isForce() {
    return force;
  }

  Optional<String> startCommand() {
    return Optional.ofNullable(startCommand);
  }

  boolean isExternalSymlinks() {
    return externalSymlinks;
  }

  TablespaceMap tablespaceMap() {
    return tablespaceMap;
  }

  /** The restore definition this restore carries out, recorded with the restore. */
  public RestoreOrder restoreDefinition(long id) {
    this.restoreDefinitionId = id;
    return this;
  }

  public long backupId() {
    return backupId;
  }

  public String targetNode() {
    return targetNode;
  }

  public Optional<String> targetDatabase() {
    return Optional.ofNullable(targetDatabase);
  }

  boolean isTimestamped() {
    return timestamped;
  }

  ExistingPolicy conflict() {
    return conflict;
  }

  RolePolicy roles() {
    return roles;
  }

  boolean isTerminateConnections() {
    return terminateConnections;
  }

  public boolean isDryRun() {
    return dryRun;
  }

  boolean isKeepFailed() {
    return keepFailed;
  }

  int jobs() {
    return jobs;
  }

  Optional<Long> restoreDefinitionId() {
    return Optional.ofNullable(restoreDefinitionId);
  }

  /** The order in the words of {@code restore run}, for the history. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("backup ").append(backupId);
    if (targetNode != null) {
      out.append(" target-node ").append(targetNode);
    }
    if (targetDirectory != null) {
      out.append(" target-dir ").append(targetDirectory);
    }
    if (path != null) {
      out.append(" path ").append(path);
    }
    if (force) {
      out.append(" force");
    }
    if (startCommand != null) {
      out.append(" start-command");
    }
    if (externalSymlinks) {
      out.append(" allow-external-symlinks");
    }
    tablespaceMap.entries().forEach((k, v) -> out.append(" tablespace-map ").append(k).append('=').append(v));
    if (targetDatabase != null) {
      out.append(" target-database ").append(targetDatabase);
    }
    if (timestamped) {
      out.append(" as-timestamped");
    }
    if (conflict != ExistingPolicy.REFUSE) {
      out.append(conflict == ExistingPolicy.RENAME ? " rename-existing" : " drop-existing");
    }
    if (terminateConnections) {
      out.append(" terminate-connections");
    }
    if (roles == RolePolicy.FAIL_ON_EXISTING) {
      out.append(" roles fail");
    }
    if (keepFailed) {
      out.append(" keep-failed");
    }
    if (jobs > 0) {
      out.append(" jobs ").append(jobs);
    }
    if (restoreDefinitionId != null) {
      out.append(" restore-definition ").append(restoreDefinitionId);
    }
    return out.toString();
  }
}
