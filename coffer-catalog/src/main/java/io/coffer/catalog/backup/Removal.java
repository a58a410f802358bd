package io.coffer.catalog.backup;

import java.util.List;

/**
 * What a removal took out of the catalog: the backups (to forget in their volumes) and the restore
 * definitions that would have restored them.
 */
public record Removal(List<ForgottenBackup> backups, List<Long> restoreDefinitions) {

  public static final Removal NOTHING = new Removal(List.of(), List.of());

  @Override
  public String toString() {
    return backups.size() + " backups forgotten, " + restoreDefinitions.size() + " restore definitions removed";
  }
}
