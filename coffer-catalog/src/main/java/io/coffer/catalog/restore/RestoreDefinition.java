package io.coffer.catalog.restore;

import io.coffer.catalog.schedule.RunOnceStatus;
import io.coffer.model.ExistingPolicy;
import io.coffer.model.RolePolicy;
import java.time.Instant;

/**
 * A planned restore, with every option of a restore run by hand. {@code targetDatabase} is empty
 * when each database is restored under its own name, or under a timestamped one when {@code
 * timestamped}. {@code jobs} 0 uses the agent's configured number. {@code startedAt} is set once
 * an agent took it (it stays WAITING until that agent records DONE or FAILED, with {@code error}).
 * {@code files} holds the options of a FILES or PHYSICAL backup's restore ({@link FilesTarget#NONE}
 * for a database's).
 */
public record RestoreDefinition(
    long id,
    long backupId,
    String agent,
    String targetNode,
    String targetDatabase,
    boolean timestamped,
    ExistingPolicy existing,
    RolePolicy roles,
    int jobs,
    boolean keepFailed,
    FilesTarget files,
    Instant runAt,
    String extraParameters,
    RunOnceStatus status,
    Instant startedAt,
    String error,
    String remarks,
    Instant createdAt,
    Instant updatedAt) {

  /** Taken by its agent and not yet ended. */
  public boolean isRunning() {
    return status == RunOnceStatus.WAITING && startedAt != null;
  }
}
