package io.coffer.catalog.restore;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.model.ExistingPolicy;
import io.coffer.model.RolePolicy;
import java.time.Instant;
import java.util.Objects;

/**
 * A restore to plan: which backup, run by which agent, onto which node, with the options of a
 * restore run by hand. The target database defaults to the backup's own names, the time to now,
 * an existing target to {@link ExistingPolicy#REFUSE}, roles to {@link RolePolicy#REUSE_EXISTING},
 * jobs to the agent's configured number.
 */
public final class NewRestoreDefinition {

  private final long backupId;
  private final String agent;
  private final String targetNode;
  private String targetDatabase;
  private boolean timestamped;
  private ExistingPolicy existing = ExistingPolicy.REFUSE;
  private RolePolicy roles = RolePolicy.REUSE_EXISTING;
  private int jobs;
  private boolean keepFailed;
  private FilesTarget files = FilesTarget.NONE;
  private Instant runAt;
  private String extraParameters = "";
  private String remarks = "";

  private NewRestoreDefinition(long backupId, String agent, String targetNode) {
    this.backupId = backupId;
    this.agent = agent;
    this.targetNode = targetNode;
  }

  public static NewRestoreDefinition of(long backupId, String agent, String targetNode) {
    return new NewRestoreDefinition(backupId, agent, targetNode);
  }

  public NewRestoreDefinition targetDatabase(String name) {
    this.targetDatabase = DatabaseName.require(RestoreOption.TARGET_DATABASE, name);
    return this;
  }

  /** Restore each database as {@code <name>_<backup time>}; excludes a target database. */
  public NewRestoreDefinition timestamped() {
    this.timestamped = true;
    return this;
  }

  public NewRestoreDefinition existing(ExistingPolicy value) {
    this.existing = Objects.requireNonNull(value);
    return this;
  }

  /** Parallel jobs loading data; 0 (the default) uses the agent's configured number. */
  public NewRestoreDefinition jobs(int value) {
    if (value < 0) {
      throw new CatalogValidationException("jobs", value, "a whole number ≥ 1, or 0 for the agent's configured number");
    }
    this.jobs = value;
    return this;
  }

  /** Leave what a failed restore created, for inspection. */
  public NewRestoreDefinition keepFailed() {
    this.keepFailed = true;
    return this;
  }

  /** A FILES or PHYSICAL backup's target; refused for a backup of databases. */
  public NewRestoreDefinition files(FilesTarget value) {
    this.files = Objects.requireNonNull(value);
    return this;
  }

  public NewRestoreDefinition roles(RolePolicy value) {
    this.roles = Objects.requireNonNull(value);
    return this;
  }

  public NewRestoreDefinition runAt(Instant value) {
    this.runAt = value;
    return this;
  }

  public NewRestoreDefinition extraParameters(String value) {
    this.extraParameters = value == null ? "" : value.strip();
    return this;
  }

  public NewRestoreDefinition remarks(String value) {
    this.remarks = value == null ? "" : value.strip();
    return this;
  }

  public long backupId() {
    return backupId;
  }

  String agent() {
    return agent;
  }

  String targetNode() {
    return targetNode;
  }

  String targetDatabase() {
    return targetDatabase;
  }

  boolean isTimestamped() {
    return timestamped;
  }

  ExistingPolicy existing() {
    return existing;
  }

  int jobs() {
    return jobs;
  }

  boolean isKeepFailed() {
    return keepFailed;
  }

  RolePolicy roles() {
    return roles;
  }

  public FilesTarget files() {
    return files;
  }

  Instant runAt() {
    return runAt;
  }

  String extraParameters() {
    return extraParameters;
  }

  String remarks() {
    return remarks;
  }

  @Override
  public String toString() {
    return "backup " + backupId + " agent " + agent + " target-node " + targetNode
        + (targetDatabase == null ? "" : " target-database " + targetDatabase)
        + (timestamped ? " timestamped" : "") + " existing " + existing + " roles " + roles
        + (jobs == 0 ? "" : " jobs " + jobs) + (keepFailed ? " keep-failed" : "")
        + (files.directory() == null ? "" : " target-dir " + files.directory())
        + (files.path() == null ? "" : " path " + files.path()) + (files.force() ? " force" : "")
        + (files.externalSymlinks() ? " allow-external-symlinks" : "")
        + (files.tablespaces().isEmpty() ? "" : " tablespace-map " + files.tablespaces());
  }
}
