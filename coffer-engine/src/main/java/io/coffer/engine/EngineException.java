package io.coffer.engine;

/**
 * Work the engine was asked to do failed for a reason the user can act on: a backup or restore
 * failed, a volume cannot be opened, the catalog is unreachable when it is needed. The message is
 * one line that names what failed and why; the cause is kept for the log.
 */
public class EngineException extends RuntimeException {

  public EngineException(String message) {
    super(message);
  }

  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
