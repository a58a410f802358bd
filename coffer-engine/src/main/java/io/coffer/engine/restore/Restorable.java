package io.coffer.engine.restore;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.restore.RestoreOption;
import io.coffer.catalog.restore.RestoreRefusal;
import io.coffer.engine.node.NodeInfo;

/**
 * The checks every use of a backup that writes it back onto a node makes first (restore,
 * verification), so both refuse the same bad input with the same words.
 */
public final class Restorable {

  private Restorable() {}

  /** Only a SUCCEEDED backup has every stream; anything else is refused as bad input. */
  public static void requireSucceeded(Backup backup) {
    if (backup.status() != BackupStatus.SUCCEEDED) {
      throw new CatalogValidationException("backup", backup.id(), "backup " + backup.id() + " is " + backup.status(),
          "a SUCCEEDED backup");
    }
  }

  /** A backup goes back only onto a node of the engine it was taken from. */
  public static void requireSameEngine(String field, NodeInfo target, NodeInfo source) {
    if (!target.engine().equals(source.engine())) {
      throw new CatalogValidationException(field, target.name(), otherEngine(target), sameEngine(source));
    }
  }

  /** The same, for a restore's target node, named as each interface names it. */
  static void requireSameEngine(RestoreOption option, NodeInfo target, NodeInfo source) {
    if (!target.engine().equals(source.engine())) {
      throw new RestoreRefusal(option, target.name(), otherEngine(target), sameEngine(source));
    }
  }

  private static String otherEngine(NodeInfo target) {
    return "it is a " + target.engine() + " node";
  }

  private static String sameEngine(NodeInfo source) {
    return "a " + source.engine() + " node, like " + source.name() + " that the backup is of";
  }
}
