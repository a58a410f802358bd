package io.coffer.engine.rebuild;

import java.time.Instant;
import java.util.List;

/**
 * What a catalog rebuild from one volume found and did.
 *
 * @param added backups recreated in the catalog (in a dry run: that would be)
 * @param known how many of the volume's backups the catalog already had
 * @param skipped backups of the volume the catalog cannot take yet, each with the reason
 * @param ignored backups the engine did not make ({@code volume put}): no node to record them under
 * @param missing catalog rows that name a manifest the volume no longer holds
 * @param forgotten of those, the rows taken out of the catalog ({@code --forget-missing})
 */
public record RebuildReport(String volume, boolean dryRun, List<Added> added, int known, List<Skipped> skipped,
    List<String> ignored, List<Missing> missing, List<Missing> forgotten) {

  /** True when every backup of the volume is in the catalog and nothing stale remains. */
  public boolean complete() {
    return skipped.isEmpty() && missing.size() == forgotten.size();
  }

  /** A backup recreated from its manifest; {@code backup} is 0 in a dry run. */
  public record Added(long backup, String manifestId, String node, String databases, String kind, int level,
      String owner, Instant startedAt) {}

  /** A backup of the volume left out, and why. */
  public record Skipped(String manifestId, String reason) {}

  /** A catalog row whose manifest is gone from the volume; {@code reason} says why it stays, if it does. */
  public record Missing(long backup, String manifestId, String reason) {}
}
