package io.coffer.catalog.oneoff;

import io.coffer.catalog.backup.BackupForgetting;
import io.coffer.catalog.backup.Removal;
import io.coffer.catalog.config.ConfigRepository;
import io.coffer.catalog.config.NodeDefaults;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.catalog.schedule.RunOnceStatus;
import io.coffer.catalog.store.Change;
import io.coffer.catalog.store.Columns;
import io.coffer.catalog.store.Lookup;
import io.coffer.catalog.store.Store;
import io.coffer.catalog.store.Table;
import io.coffer.model.Kind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Plans, lists and removes one-offs. */
public final class OneoffRepository {

  private static final String SELECT = "select o.*, a.name as agent_name, n.name as node_name, v.name as volume_name"
      + " from oneoff o join agent a on a.id = o.agent_id join node n on n.id = o.node_id"
      + " join volume v on v.id = o.volume_id";

  private final Store store;
  private final ConfigRepository config;

  public OneoffRepository(Store store, ConfigRepository config) {
    this.store = store;
    this.config = config;
  }

  public Oneoff add(NewOneoff spec) {
    return store.change(new Change("oneoff add", "one-off for node " + spec.node(), spec.toString()), handle -> {
      long agent = Lookup.id(handle, Table.AGENT, spec.agent());
      long node = Lookup.id(handle, Table.NODE, spec.node());
      long volume = Lookup.id(handle, Table.VOLUME, spec.volume());
      NodeDefaults defaults = config.nodeDefaults(Long.toString(node));
      Kind kind = spec.kind(defaults);
      long now = store.now().toEpochMilli();
      long id = handle.createUpdate("insert into oneoff (agent_id, node_id, volume_id, databases, kind, run_at, tag,"
              + " retention_period, expire, extra_parameters, status, remarks, created_at, updated_at) values (:agent,"
              + " :node, :volume, :databases, :kind, :runAt, :tag, :retention, :expire, :extra, 'WAITING', :remarks,"
              + " :now, :now)")
          .bind("agent", agent)
          .bind("node", node)
          .bind("volume", volume)
          .bind("databases", spec.databases(kind).toString())
          .bind("kind", kind.name())
          .bind("runAt", spec.runAt().toEpochMilli())
          .bind("tag", spec.tag())
          .bind("retention", (spec.retention() != null ? spec.retention() : defaults.retention()).toString())
          .bind("expire", spec.expire() == null ? null : spec.expire().toString())
          .bind("extra", spec.extraParameters() != null ? spec.extraParameters().strip() : defaults.extraParameters())
          .bind("remarks", spec.remarks())
          .bind("now", now)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      return load(handle, id);
    }, oneoff -> "ok: one-off " + oneoff.id());
  }

  public List<Oneoff> list() {
    return store.read(handle -> handle.createQuery(SELECT + " order by o.run_at, o.id").map(OneoffRepository::map).list());
  }

  public Oneoff show(long id) {
    return store.read(handle -> load(handle, Lookup.require(handle, Table.ONEOFF, id)));
  }

  /** The WAITING one-offs whose time has come, of nodes that are RUNNING, earliest first. */
  public List<Oneoff> due(Instant now) {
    return store.read(handle -> handle.createQuery(SELECT + " where o.status = 'WAITING' and o.run_at <= :now"
            + " and n.status = 'RUNNING' order by o.run_at, o.id")
        .bind("now", now.toEpochMilli()).map(OneoffRepository::map).list());
  }

  /** Marks a one-off DONE or FAILED once its backup ended (or WAITING to run it again). */
  public Oneoff setStatus(long id, RunOnceStatus status) {
    return store.change(new Change("oneoff status", "one-off " + id, "status " + status), handle -> {
      Lookup.require(handle, Table.ONEOFF, id);
      handle.createUpdate("update oneoff set status = :status, updated_at = :now where id = :id")
          .bind("status", status.name()).bind("now", store.now().toEpochMilli()).bind("id", id).execute();
      return load(handle, id);
    });
  }

  /** Like {@code DefinitionRepository#remove}: with backups only by force, which forgets them. */
  public Removal remove(long id, boolean force) {
    return store.change(new Change("oneoff remove", "one-off " + id, force ? "force" : ""),
        handle -> BackupForgetting.removeOwner(handle, Table.ONEOFF, "oneoff_id", id, force),
        removal -> "ok: " + removal);
  }

  private static Oneoff load(Handle handle, long id) {
    return handle.createQuery(SELECT + " where o.id = :id").bind("id", id).map(OneoffRepository::map).one();
  }

  private static Oneoff map(ResultSet row, StatementContext context) throws SQLException {
    String expire = row.getString("expire");
    return new Oneoff(
        row.getLong("id"),
        row.getString("agent_name"),
        row.getString("node_name"),
        row.getString("volume_name"),
        DatabaseSelector.parse(row.getString("databases")),
        Kind.valueOf(row.getString("kind")),
        Columns.instant(row, "run_at"),
        row.getString("tag"),
        RetentionPeriod.parse(row.getString("retention_period")),
        expire == null ? Optional.empty() : Optional.of(Expire.parse(expire)),
        row.getString("extra_parameters"),
        RunOnceStatus.valueOf(row.getString("status")),
        row.getString("remarks"),
        Columns.instant(row, "created_at"),
        Columns.instant(row, "updated_at"));
  }
}
