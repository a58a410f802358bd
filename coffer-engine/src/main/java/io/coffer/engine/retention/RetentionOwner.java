package io.coffer.engine.retention;

import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.DefinitionStatus;
import io.coffer.catalog.oneoff.Oneoff;
import io.coffer.catalog.retention.KeepPolicy;
import io.coffer.catalog.retention.RetentionPeriod;

/**
 * Whose backups are weighed together, and by which rules: a definition (its period, redundancy and
 * keep counts), a one-off (its own period, nothing else), or the backups run by hand that carry
 * their own expire.
 *
 * @param period null for backups run by hand, which go only by their own expire
 * @param redundancy how many of the newest SUCCEEDED backups stay whatever their age; 0 for none
 * @param active an ACTIVE definition, whose last SUCCEEDED backup never goes without force
 */
public record RetentionOwner(Type type, long id, RetentionPeriod period, int redundancy, KeepPolicy keep,
    boolean active) {

  /** What owns the backups. */
  public enum Type { DEFINITION, ONEOFF, BY_HAND }

  public static RetentionOwner of(Definition d) {
    return new RetentionOwner(Type.DEFINITION, d.id(), d.retention(), d.redundancy().count(), d.keep(),
        d.status() == DefinitionStatus.ACTIVE);
  }

  public static RetentionOwner of(Oneoff o) {
    return new RetentionOwner(Type.ONEOFF, o.id(), o.retention(), 0, KeepPolicy.NONE, false);
  }

  public static RetentionOwner byHand() {
    return new RetentionOwner(Type.BY_HAND, 0, null, 0, KeepPolicy.NONE, false);
  }

  @Override
  public String toString() {
    return switch (type) {
      case DEFINITION -> "definition " + id;
      case ONEOFF -> "one-off " + id;
      case BY_HAND -> "backups run by hand";
    };
  }
}
