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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Computes {@link BackupTotals} without reading every backup: counts and sums come from {@code
 * backup_totals}, which triggers on {@code backup} keep per node, agent, status and kind, and the
 * oldest and newest successful backup are the first and last entries of a started_at index.
 */
final class BackupStatistics {

  private record Group(BackupStatus status, Kind kind, long count, long read, long fresh, long stored,
      long durationSum, long durations) {}

  private final Store store;

  BackupStatistics(Store store) {
    this.store = store;
  }

  BackupTotals of(StatsScope scope) {
    return store.read(handle -> {
      String totalsWhere = "";
      String backupsWhere = "";
      long id = 0;
      if (scope.over() == StatsScope.Over.NODE) {
        id = Lookup.id(handle, Table.NODE, scope.reference());
        totalsWhere = " where node_id = :id";
        backupsWhere = " and node_id = :id";
      } else if (scope.over() == StatsScope.Over.AGENT) {
        id = Lookup.id(handle, Table.AGENT, scope.reference());
        totalsWhere = " where agent_key = :id";
        backupsWhere = " and agent_id = :id";
      }
      Query totals = handle.createQuery("select status, kind, sum(backups) as backups,"
          + " sum(bytes_read) as bytes_read, sum(bytes_new) as bytes_new, sum(bytes_stored) as bytes_stored,"
          + " sum(duration_ms) as duration_ms, sum(durations) as durations from backup_totals" + totalsWhere
          + " group by status, kind");
      if (scope.over() != StatsScope.Over.GLOBAL) {
        totals.bind("id", id);
      }
      List<Group> groups = totals
          .map((row, ctx) -> new Group(
              BackupStatus.valueOf(row.getString("status")), Kind.valueOf(row.getString("kind")),
              row.getLong("backups"), row.getLong("bytes_read"), row.getLong("bytes_new"), row.getLong("bytes_stored"),
              row.getLong("duration_ms"), row.getLong("durations")))
          .list();
      return summarise(scope, groups,
          firstSucceeded(handle, backupsWhere, id, "asc"), firstSucceeded(handle, backupsWhere, id, "desc"));
    });
  }

  private static Optional<Instant> firstSucceeded(Handle handle, String where, long id, String direction) {
    Query query = handle.createQuery("select started_at from backup where status = 'SUCCEEDED'" + where
        + " order by started_at " + direction + " limit 1");
    if (!where.isEmpty()) {
      query.bind("id", id);
    }
    return query.mapTo(Long.class).findOne().map(Instant::ofEpochMilli);
  }

  private static BackupTotals summarise(StatsScope scope, List<Group> groups, Optional<Instant> oldest,
      Optional<Instant> newest) {
    Map<BackupStatus, Long> byStatus = new EnumMap<>(BackupStatus.class);
    Map<Kind, Long> byKind = new EnumMap<>(Kind.class);
    long total = 0;
    long read = 0;
    long fresh = 0;
    long stored = 0;
    long durationSum = 0;
    long durations = 0;
    for (Group group : groups) {
      total += group.count;
      byStatus.merge(group.status, group.count, Long::sum);
      byKind.merge(group.kind, group.count, Long::sum);
      if (group.status == BackupStatus.SUCCEEDED) {
        read += group.read;
        fresh += group.fresh;
        stored += group.stored;
        durationSum += group.durationSum;
        durations += group.durations;
      }
    }
    return new BackupTotals(scope.toString(), total, byStatus, byKind, read, fresh, stored, oldest, newest,
        Duration.ofMillis(durationSum),
        durations == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(durationSum / durations)));
  }
}
