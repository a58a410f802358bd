package io.coffer.engine.backup;

import io.coffer.engine.EngineException;

/** A backup ran and failed; it is recorded FAILED (or pending) with the reason this message gives. */
public final class BackupFailedException extends EngineException {

  private final transient BackupOutcome outcome;

  public BackupFailedException(String message, BackupOutcome outcome, Throwable cause) {
    super(message, cause);
    this.outcome = outcome;
  }

  public BackupOutcome outcome() {
    return outcome;
  }
}
