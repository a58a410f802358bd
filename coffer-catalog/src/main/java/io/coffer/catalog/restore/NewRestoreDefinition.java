package io.coffer.catalog.restore;

import java.time.Instant;
import java.util.Objects;

/**
 * A restore to plan: which backup, run by which agent, onto which node. The target database
 * defaults to the backup's (when it holds exactly one), the time to now, roles to
 * {@link RolesPolicy#REUSE_EXISTING}.
 */
public final class NewRestoreDefinition {

  private final long backupId;
  private final String agent;
  private final String targetNode;
  private String targetDatabase;
  private String renameExistingTo;
  private RolesPolicy roles = RolesPolicy.REUSE_EXISTING;
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
    this.targetDatabase = DatabaseName.require("target-database", name);
    return this;
  }

  /** Rename an existing target database to this name first, instead of refusing. */
  public NewRestoreDefinition renameExistingTo(String name) {
    this.renameExistingTo = DatabaseName.require("rename-existing-to", name);
    return this;
  }

  public NewRestoreDefinition roles(RolesPolicy value) {
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

  long backupId() {
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

  String renameExistingTo() {
    return renameExistingTo;
  }

  RolesPolicy roles() {
    return roles;
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
        + (renameExistingTo == null ? "" : " rename-existing-to " + renameExistingTo) + " roles " + roles;
  }
}
