package io.coffer.catalog.backup;

import io.coffer.catalog.store.Lookup;
import io.coffer.catalog.store.Store;
import io.coffer.catalog.store.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes {@link BackupStats} with one grouped query. Grouping by status and kind lets the
 * database answer the global case from the {@code backup_stats} index alone, which holds every
 * column aggregated here, instead of reading the wide rows of a million backups.
 */
final class BackupStatistics {

  private record Group(
      BackupStatus status, Kind kind, long count, long read, long fresh, long stored, Long oldest, Long newest,
      Long shortest, Long longest, long durationSum, long durations) {}

  private final Store store;

  BackupStatistics(Store store) {
    this.store = store;
  }

  BackupStats of(StatsScope scope) {
    List<Group> groups = store.read(handle -> {
      String where = switch (scope.over()) {
        case GLOBAL -> "";
        case NODE -> " where node_id = " + Lookup.id(handle, Table.NODE, scope.reference());
        case AGENT -> " where agent_id = " + Lookup.id(handle, Table.AGENT, scope.reference());
      };
      return handle.createQuery("select status, kind, count(*) as backups, sum(bytes_read) as bytes_read,"
              + " sum(bytes_new) as bytes_new, sum(bytes_stored) as bytes_stored, min(started_at) as oldest,"
              + " max(started_at) as newest, min(duration_ms) as shortest, max(duration_ms) as longest,"
              + " sum(duration_ms) as duration_sum, count(duration_ms) as durations from backup" + where
              + " group by status, kind")
          .map((row, ctx) -> new Group(
              BackupStatus.valueOf(row.getString("status")), Kind.valueOf(row.getString("kind")),
              row.getLong("backups"), row.getLong("bytes_read"), row.getLong("bytes_new"), row.getLong("bytes_stored"),
              row.getLong("oldest"), row.getLong("newest"),
              (Long) row.getObject("shortest", Long.class), (Long) row.getObject("longest", Long.class),
              row.getLong("duration_sum"), row.getLong("durations")))
          .list();
    });
    return summarise(scope, groups);
  }

  private static BackupStats summarise(StatsScope scope, List<Group> groups) {
    Map<BackupStatus, Long> byStatus = new EnumMap<>(BackupStatus.class);
    Map<Kind, Long> byKind = new EnumMap<>(Kind.class);
    long total = 0;
    long read = 0;
    long fresh = 0;
    long stored = 0;
    long durationSum = 0;
    long durations = 0;
    Long oldest = null;
    Long newest = null;
    Long shortest = null;
    Long longest = null;
    for (Group group : groups) {
      total += group.count;
      byStatus.merge(group.status, group.count, Long::sum);
      byKind.merge(group.kind, group.count, Long::sum);
      if (group.status != BackupStatus.SUCCEEDED) {
        continue;
      }
      read += group.read;
      fresh += group.fresh;
      stored += group.stored;
      durationSum += group.durationSum;
      durations += group.durations;
      oldest = min(oldest, group.oldest);
      newest = max(newest, group.newest);
      shortest = min(shortest, group.shortest);
      longest = max(longest, group.longest);
    }
    return new BackupStats(
        scope.toString(), total, byStatus, byKind, read, fresh, stored,
        Optional.ofNullable(oldest).map(Instant::ofEpochMilli),
        Optional.ofNullable(newest).map(Instant::ofEpochMilli),
        Optional.ofNullable(shortest).map(Duration::ofMillis),
        Optional.ofNullable(longest).map(Duration::ofMillis),
        durations == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(durationSum / durations)));
  }

  private static Long min(Long a, Long b) {
    return a == null ? b : b == null ? a : Math.min(a, b);
  }

  private static Long max(Long a, Long b) {
    return a == null ? b : b == null ? a : Math.max(a, b);
  }
}
