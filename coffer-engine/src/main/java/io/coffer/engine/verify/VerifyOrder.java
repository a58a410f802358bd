package io.coffer.engine.verify;

import java.util.Optional;

/** A verification someone asked for: which backup, on which node (default: the backup's own). */
public final class VerifyOrder {

  private final long backupId;
  private String node;
  private int jobs;

  private VerifyOrder(long backupId) {
    this.backupId = backupId;
  }

  public static VerifyOrder of(long backupId) {
    return new VerifyOrder(backupId);
  }

  /** Restores on this node instead of the one the backup is of; it must have the same engine. */
  public VerifyOrder onNode(String reference) {
    this.node = reference == null || reference.isBlank() ? null : reference.strip();
    return this;
  }

  /** Parallel jobs for loading data; 0 uses the configured number. */
  public VerifyOrder jobs(int value) {
    this.jobs = value;
    return this;
  }

  public long backupId() {
    return backupId;
  }

  public Optional<String> node() {
    return Optional.ofNullable(node);
  }

  int jobs() {
    return jobs;
  }
}
