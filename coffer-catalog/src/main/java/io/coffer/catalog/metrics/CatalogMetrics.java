package io.coffer.catalog.metrics;

import java.time.Instant;
import java.util.List;

/**
 * What monitoring wants from the catalog at one moment, each list one grouped query: backups by
 * node, kind and status with their bytes and total duration; the last successful backup of each
 * definition; verifications by result; the queue; agents' heartbeats; bytes stored per volume.
 */
public record CatalogMetrics(
    List<BackupGroup> backups,
    List<LastSuccess> lastSuccesses,
    List<Count> verifications,
    int queuedJobs,
    Instant oldestQueued,
    int runningJobs,
    List<AgentBeat> agents,
    List<VolumeSize> volumes) {

  /** Backups of one node, kind and status: how many, their bytes and their summed duration. */
  public record BackupGroup(String node, String kind, String status, long count, long bytesRead, long bytesNew,
      long bytesStored, long durationMillis) {}

  /** The last successful backup of a definition, and how long it took. */
  public record LastSuccess(long definition, String node, Instant finishedAt, long durationMillis) {}

  public record Count(String label, long count) {}

  /** An agent's last heartbeat and until when its process vouched for itself. */
  public record AgentBeat(String agent, Instant lastHeartbeat, Instant aliveUntil) {}

  /** Bytes of successful backups stored in a volume (new data each added, so they sum to the volume's data). */
  public record VolumeSize(String volume, long bytesStored, long backups) {}
}
