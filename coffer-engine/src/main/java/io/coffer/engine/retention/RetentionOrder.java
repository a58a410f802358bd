package io.coffer.engine.retention;

import io.coffer.catalog.CatalogValidationException;

/**
 * What a retention run covers and how far it may go. Built from {@link #all()}, {@link
 * #ofDefinition} or {@link #ofOneoff}; the agent runs {@code all()} on its schedule.
 *
 * @param scope every definition, one-off and backup run by hand with an expire; or one definition
 *     or one-off ({@code id})
 * @param dryRun say what would go and what the prune would free; change nothing
 * @param force lift redundancy, the last-backup rule and waiting restore definitions (one definition
 *     or one-off only)
 * @param prune prune each volume that lost backups, under the same lock
 * @param repackBelow the prune's repack threshold (see {@code volume prune})
 */
public record RetentionOrder(Scope scope, long id, boolean dryRun, boolean force, boolean prune, double repackBelow) {

  /** Default repack threshold, as {@code volume prune} uses. */
  public static final double REPACK_BELOW = 0.5;

  /** Which backups a run weighs. */
  public enum Scope { ALL, DEFINITION, ONEOFF }

  public RetentionOrder {
    if (force && scope == Scope.ALL) {
      throw new CatalogValidationException("force", "true", "force reaches one definition or one-off at a time",
          "force together with a definition or one-off");
    }
    if (repackBelow < 0 || repackBelow > 1) {
      throw new CatalogValidationException("repack-below", repackBelow, "a fraction from 0 to 1, e.g. 0.5");
    }
  }

  public static RetentionOrder all() {
    return new RetentionOrder(Scope.ALL, 0, false, false, true, REPACK_BELOW);
  }

  public static RetentionOrder ofDefinition(long id) {
    return new RetentionOrder(Scope.DEFINITION, id, false, false, true, REPACK_BELOW);
  }

  public static RetentionOrder ofOneoff(long id) {
    return new RetentionOrder(Scope.ONEOFF, id, false, false, true, REPACK_BELOW);
  }

  public RetentionOrder dryRun(boolean value) {
    return new RetentionOrder(scope, id, value, force, prune, repackBelow);
  }

  public RetentionOrder force(boolean value) {
    return new RetentionOrder(scope, id, dryRun, value, prune, repackBelow);
  }

  public RetentionOrder prune(boolean value) {
    return new RetentionOrder(scope, id, dryRun, force, value, repackBelow);
  }

  public RetentionOrder repackBelow(double value) {
    return new RetentionOrder(scope, id, dryRun, force, prune, value);
  }
}
