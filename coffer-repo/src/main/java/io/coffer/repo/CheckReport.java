package io.coffer.repo;

import java.util.List;

/** What {@code check} found. Unreferenced packs are leftovers of interrupted writers, not damage. */
public record CheckReport(int backups, int packs, long blobs, boolean readData, List<Damage> damages, List<String> unreferencedPacks) {

  /** One damaged or missing file and the backups that can no longer be restored because of it. */
  public record Damage(String file, String problem, List<String> affectedBackups) {}

  public boolean ok() {
    return damages.isEmpty();
  }
}
