package io.coffer.catalog.restore;

import java.time.Instant;

/** A restore about to run: which backup, onto which node and database, by whom. */
public final class RestoreStart {

  private final long backupId;
  private final String targetNode;
  private final String targetDatabase;
  private String agent;
  private Long restoreDefinitionId;
  private String renamedExistingTo;
  private boolean terminateConnections;
  private Instant startedAt;

  private RestoreStart(long backupId, String targetNode, String targetDatabase) {
    this.backupId = backupId;
    this.targetNode = targetNode;
    this.targetDatabase = targetDatabase == null || targetDatabase.isBlank()
        ? "" : DatabaseName.require(RestoreOption.TARGET_DATABASE, targetDatabase);
  }

  public static RestoreStart of(long backupId, String targetNode, String targetDatabase) {
    return new RestoreStart(backupId, targetNode, targetDatabase);
  }

  public RestoreStart agent(String reference) {
    this.agent = reference;
    return this;
  }

  public RestoreStart restoreDefinition(long id) {
    this.restoreDefinitionId = id;
    return this;
  }

  /** The name an existing target database was given to make way for the restore. */
  public RestoreStart renamedExistingTo(String name) {
    this.renamedExistingTo = DatabaseName.require(RestoreOption.RENAME_EXISTING, name);
    return this;
  }

  /** The restore may end the sessions holding an existing target; the history says so. */
  public RestoreStart terminateConnections() {
    this.terminateConnections = true;
    return this;
  }

  public RestoreStart startedAt(Instant value) {
    this.startedAt = value;
    return this;
  }

  long backupId() {
    return backupId;
  }

  String targetNode() {
    return targetNode;
  }

  String targetDatabase() {
    return targetDatabase;
  }

  String agent() {
    return agent;
  }

  Long restoreDefinitionId() {
    return restoreDefinitionId;
  }

  String renamedExistingTo() {
    return renamedExistingTo;
  }

  Instant startedAt() {
    return startedAt;
  }

  @Override
  public String toString() {
    return "backup " + backupId + " target-node " + targetNode + " target-database " + targetDatabase
        + (renamedExistingTo == null ? "" : " renamed-existing-to " + renamedExistingTo)
        + (terminateConnections ? " terminate-connections" : "");
  }
}
