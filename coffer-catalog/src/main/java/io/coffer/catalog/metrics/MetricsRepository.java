package io.coffer.catalog.metrics;

import io.coffer.catalog.store.Columns;
import io.coffer.catalog.store.Store;
import java.util.List;

/** Reads {@link CatalogMetrics}: a handful of grouped queries, cheap enough for a scrape every few seconds. */
public final class MetricsRepository {

  private final Store store;

  public MetricsRepository(Store store) {
    this.store = store;
  }

  public CatalogMetrics snapshot() {
    return store.read(handle -> {
      List<CatalogMetrics.BackupGroup> backups = handle.createQuery("select n.name as node, b.kind, b.status,"
              + " count(*) as n, coalesce(sum(b.bytes_read), 0) as r, coalesce(sum(b.bytes_new), 0) as w,"
              + " coalesce(sum(b.bytes_stored), 0) as s, coalesce(sum(b.duration_ms), 0) as d"
              + " from backup b join node n on n.id = b.node_id group by n.name, b.kind, b.status"
              + " order by n.name, b.kind, b.status")
          .map((row, ctx) -> new CatalogMetrics.BackupGroup(row.getString("node"), row.getString("kind"),
              row.getString("status"), row.getLong("n"), row.getLong("r"), row.getLong("w"), row.getLong("s"),
              row.getLong("d")))
          .list();
      List<CatalogMetrics.LastSuccess> last = handle.createQuery("select b.definition_id, n.name as node,"
              + " b.finished_at, coalesce(b.duration_ms, 0) as d from backup b join node n on n.id = b.node_id"
              + " where b.status = 'SUCCEEDED' and b.definition_id is not null and b.finished_at = (select"
              + " max(x.finished_at) from backup x where x.definition_id = b.definition_id and x.status = 'SUCCEEDED')"
              + " order by b.definition_id")
          .map((row, ctx) -> new CatalogMetrics.LastSuccess(row.getLong("definition_id"), row.getString("node"),
              Columns.instant(row, "finished_at"), row.getLong("d")))
          .list();
      List<CatalogMetrics.Count> verifications = handle.createQuery("select status, count(*) as n from verification"
              + " group by status order by status")
          .map((row, ctx) -> new CatalogMetrics.Count(row.getString("status"), row.getLong("n"))).list();
      int queued = handle.createQuery("select count(*) from job where state = 'QUEUED'").mapTo(Integer.class).one();
      Long oldest = handle.createQuery("select min(created_at) from job where state = 'QUEUED'").mapTo(Long.class)
          .one();
      int running = handle.createQuery("select count(*) from job where state = 'RUNNING'").mapTo(Integer.class).one();
      List<CatalogMetrics.AgentBeat> agents = handle.createQuery("select name, last_heartbeat, alive_until from agent"
              + " order by name")
          .map((row, ctx) -> new CatalogMetrics.AgentBeat(row.getString("name"), Columns.instant(row, "last_heartbeat"),
              Columns.instant(row, "alive_until")))
          .list();
      List<CatalogMetrics.VolumeSize> volumes = handle.createQuery("select v.name, coalesce(sum(b.bytes_stored), 0) as s,"
              + " count(b.id) as n from volume v left join backup b on b.volume_id = v.id and b.status = 'SUCCEEDED'"
              + " group by v.name order by v.name")
          .map((row, ctx) -> new CatalogMetrics.VolumeSize(row.getString("name"), row.getLong("s"), row.getLong("n")))
          .list();
      return new CatalogMetrics(backups, last, verifications, queued,
          oldest == null ? null : java.time.Instant.ofEpochMilli(oldest), running, agents, volumes);
    });
  }
}
