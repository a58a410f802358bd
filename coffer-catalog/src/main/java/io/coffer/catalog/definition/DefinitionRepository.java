package io.coffer.catalog.definition;

import io.coffer.catalog.DuplicateNameException;
import io.coffer.catalog.backup.BackupForgetting;
import io.coffer.catalog.backup.Removal;
import io.coffer.catalog.config.ConfigRepository;
import io.coffer.catalog.config.NodeDefaults;
import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.schedule.CronSpec;
import io.coffer.catalog.store.Change;
import io.coffer.catalog.store.Columns;
import io.coffer.catalog.store.Lookup;
import io.coffer.catalog.store.Store;
import io.coffer.catalog.store.Table;
import io.coffer.model.Kind;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Adds, changes, moves and removes definitions, applying PgBackMan's rules: defaults come from the
 * node's settings, an unscheduled minute or hour is placed at random in the node's backup window,
 * the same databases of a node are not defined twice with one kind, and a definition with backups
 * is removed only by force.
 */
public final class DefinitionRepository {

  private static final String SELECT = "select d.*, a.name as agent_name, n.name as node_name,"
      + " n.status as node_status, v.name as volume_name from definition d join agent a on a.id = d.agent_id"
      + " join node n on n.id = d.node_id join volume v on v.id = d.volume_id";

  private final Store store;
  private final ConfigRepository config;

  public DefinitionRepository(Store store, ConfigRepository config) {
    this.store = store;
    this.config = config;
  }

  public Definition add(NewDefinition spec) {
    spec.requireReferences();
    Change change = new Change("definition add", "definition for node " + spec.node() + " databases "
        + (spec.databases() == null ? "(whole data directory)" : spec.databases()),
        "agent " + spec.agent() + " volume " + spec.volume() + (spec.files().equals(FilesOptions.OF_NODE) ? ""
            : " " + spec.files()));
    return store.change(change, handle -> {
      long agent = Lookup.id(handle, Table.AGENT, spec.agent());
      long node = Lookup.id(handle, Table.NODE, spec.node());
      long volume = Lookup.id(handle, Table.VOLUME, spec.volume());
      NodeDefaults defaults = config.nodeDefaults(Long.toString(node));
      Kind kind = spec.kind(defaults);
      NewDefinition.requireVerifiable(kind, spec.verifyEvery());
      DatabaseSelector databases = spec.databases(kind);
      refuseDuplicate(handle, node, databases, kind, -1);
      CronSpec schedule = spec.schedule(defaults, ThreadLocalRandom.current());
      long now = store.now().toEpochMilli();
      long id = handle.createUpdate("insert into definition (agent_id, node_id, volume_id, databases, cron_minute,"
              + " cron_hour, cron_day_of_month, cron_month, cron_day_of_week, kind, level_plan, retention_period,"
              + " retention_redundancy, expire, keep_daily, keep_weekly, keep_monthly, keep_yearly, extra_parameters,"
              + " verify_every, status, remarks, created_at, updated_at, quiesce, on_change, force_unquiesced) values"
              + " (:agent, :node, :volume, :databases, :minute, :hour, :dayOfMonth, :month, :dayOfWeek, :kind, :levels,"
              + " :retention, :redundancy, :expire, :keepDaily, :keepWeekly, :keepMonthly, :keepYearly, :extra,"
              + " :verifyEvery, :status, :remarks, :now, :now, :quiesce, :onChange, :force)")
          .bind("agent", agent)
          .bind("node", node)
          .bind("volume", volume)
          .bind("databases", databases.toString())
          .bind("quiesce", spec.files().quiesce())
          .bind("onChange", spec.files().onChange())
          .bind("force", spec.files().forceUnquiesced() ? 1 : 0)
          .bind("minute", schedule.minute())
          .bind("hour", schedule.hour())
          .bind("dayOfMonth", schedule.dayOfMonth())
          .bind("month", schedule.month())
          .bind("dayOfWeek", schedule.dayOfWeek())
          .bind("kind", kind.name())
          .bind("levels", spec.levels().toString())
          .bind("retention", spec.retention(defaults).toString())
          .bind("redundancy", spec.redundancy(defaults).count())
          .bind("expire", spec.expire() == null ? null : spec.expire().toString())
          .bind("keepDaily", spec.keep().daily())
          .bind("keepWeekly", spec.keep().weekly())
          .bind("keepMonthly", spec.keep().monthly())
          .bind("keepYearly", spec.keep().yearly())
          .bind("extra", spec.extraParameters(defaults))
          .bind("verifyEvery", spec.verifyEvery())
          .bind("status", spec.status().name())
          .bind("remarks", spec.remarks())
          .bind("now", now)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      return load(handle, id);
    }, definition -> "ok: definition " + definition.id() + " scheduled \"" + definition.schedule() + "\"");
  }

  /** The definitions that pass the filter, by id. */
  public List<Definition> list(DefinitionFilter filter) {
    return store.read(handle -> {
      StringBuilder sql = new StringBuilder(SELECT).append(" where 1 = 1");
      Long node = filter.node() == null ? null : Lookup.id(handle, Table.NODE, filter.node());
      Long agent = filter.agent() == null ? null : Lookup.id(handle, Table.AGENT, filter.agent());
      Long volume = filter.volume() == null ? null : Lookup.id(handle, Table.VOLUME, filter.volume());
      if (node != null) sql.append(" and d.node_id = :node");
      if (agent != null) sql.append(" and d.agent_id = :agent");
      if (volume != null) sql.append(" and d.volume_id = :volume");
      if (filter.status() != null) {
        sql.append(switch (filter.status()) {
          case ACTIVE -> " and d.status = 'ACTIVE' and n.status = 'RUNNING'";
          case STOPPED -> " and (d.status = 'STOPPED' or (d.status = 'ACTIVE' and n.status = 'DOWN'))";
          case DELETED -> " and d.status = 'DELETED'";
        });
      }
      Query query = handle.createQuery(sql.append(" order by d.id"));
      if (node != null) query.bind("node", node);
      if (agent != null) query.bind("agent", agent);
      if (volume != null) query.bind("volume", volume);
      return query.map(new DefinitionRows()).list();
    });
  }

  /** The definitions of one agent as its scheduler needs them, by id. */
  public List<ScheduledDefinition> schedules(String agentReference) {
    return store.read(handle -> handle.createQuery("select d.id, n.name as node_name, d.cron_minute, d.cron_hour,"
            + " d.cron_day_of_month, d.cron_month, d.cron_day_of_week, d.status, n.status as node_status, d.created_at"
            + " from definition d join node n on n.id = d.node_id where d.agent_id = :agent order by d.id")
        .bind("agent", Lookup.id(handle, Table.AGENT, agentReference))
        .map((row, ctx) -> new ScheduledDefinition(row.getLong("id"), row.getString("node_name"),
            CronSpec.fromCatalog(row.getString("cron_minute"), row.getString("cron_hour"),
                row.getString("cron_day_of_month"), row.getString("cron_month"), row.getString("cron_day_of_week")),
            "ACTIVE".equals(row.getString("status")) && "RUNNING".equals(row.getString("node_status")),
            Columns.instant(row, "created_at")))
        .list());
  }

  /**
   * A value that changes whenever a definition of the agent, or a node one of them backs up, is
   * added, changed or removed: an agent polls it to reload its schedule without a restart.
   */
  public String scheduleVersion(String agentReference) {
    return store.read(handle -> handle.createQuery("select count(*) || '/' || coalesce(max(d.updated_at), 0) || '/'"
            + " || coalesce(max(n.updated_at), 0) || '/' || coalesce(sum(d.id), 0) from definition d"
            + " join node n on n.id = d.node_id where d.agent_id = :agent")
        .bind("agent", Lookup.id(handle, Table.AGENT, agentReference)).mapTo(String.class).one());
  }

  public Definition show(long id) {
    return store.read(handle -> load(handle, Lookup.require(handle, Table.DEFINITION, id)));
  }

  public Definition update(long id, DefinitionUpdate update) {
    return store.change(new Change("definition update", "definition " + id, update.toString()), handle -> {
      Definition current = load(handle, Lookup.require(handle, Table.DEFINITION, id));
      Definition changed = update.applyTo(current);
      long node = Lookup.id(handle, Table.NODE, current.node());
      long volume = Lookup.id(handle, Table.VOLUME, changed.volume());
      if (update.changesKind()) {
        refuseDuplicate(handle, node, changed.databases(), changed.kind(), id);
      }
      NewDefinition.requireVerifiable(changed.kind(), changed.verifyEvery());
      handle.createUpdate("update definition set volume_id = :volume, cron_minute = :minute, cron_hour = :hour,"
              + " cron_day_of_month = :dayOfMonth, cron_month = :month, cron_day_of_week = :dayOfWeek, kind = :kind,"
              + " level_plan = :levels, retention_period = :retention, retention_redundancy = :redundancy,"
              + " expire = :expire, keep_daily = :keepDaily, keep_weekly = :keepWeekly, keep_monthly = :keepMonthly,"
              + " keep_yearly = :keepYearly, extra_parameters = :extra, verify_every = :verifyEvery, status = :status,"
              + " remarks = :remarks, quiesce = :quiesce, on_change = :onChange, force_unquiesced = :force,"
              + " updated_at = :now where id = :id")
          .bind("quiesce", changed.files().quiesce())
          .bind("onChange", changed.files().onChange())
          .bind("force", changed.files().forceUnquiesced() ? 1 : 0)
          .bind("volume", volume)
          .bind("minute", changed.schedule().minute())
          .bind("hour", changed.schedule().hour())
          .bind("dayOfMonth", changed.schedule().dayOfMonth())
          .bind("month", changed.schedule().month())
          .bind("dayOfWeek", changed.schedule().dayOfWeek())
          .bind("kind", changed.kind().name())
          .bind("levels", changed.levels().toString())
          .bind("retention", changed.retention().toString())
          .bind("redundancy", changed.redundancy().count())
          .bind("expire", changed.expire().map(Expire::toString).orElse(null))
          .bind("keepDaily", changed.keep().daily())
          .bind("keepWeekly", changed.keep().weekly())
          .bind("keepMonthly", changed.keep().monthly())
          .bind("keepYearly", changed.keep().yearly())
          .bind("extra", changed.extraParameters())
          .bind("verifyEvery", changed.verifyEvery())
          .bind("status", changed.status().name())
          .bind("remarks", changed.remarks())
          .bind("now", store.now().toEpochMilli())
          .bind("id", id)
          .execute();
      return load(handle, id);
    });
  }

  /** Re-assigns definitions to another agent (PgBackMan's wished-for "move between servers"). */
  public List<Definition> move(Collection<Long> ids, String agentReference) {
    String subject = "definitions " + ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    return store.change(new Change("definition move", subject, "to agent " + agentReference), handle -> {
      long agent = Lookup.id(handle, Table.AGENT, agentReference);
      ids.forEach(id -> Lookup.require(handle, Table.DEFINITION, id));
      for (long id : ids) {
        handle.createUpdate("update definition set agent_id = :agent, updated_at = :now where id = :id")
            .bind("agent", agent).bind("now", store.now().toEpochMilli()).bind("id", id).execute();
      }
      return ids.stream().map(id -> load(handle, id)).toList();
    });
  }

  /**
   * Removes a definition. One with backups is refused unless {@code force}; with force its backups
   * (and restore definitions of them) leave the catalog too, and the returned {@link Removal} lists
   * the manifests the engine must forget in the volumes.
   */
  public Removal remove(long id, boolean force) {
    return store.change(new Change("definition remove", "definition " + id, force ? "force" : ""),
        handle -> BackupForgetting.removeOwner(handle, Table.DEFINITION, "definition_id", id, force),
        removal -> "ok: " + removal);
  }

  /**
   * Of the databases a node has (listed by the engine), those no definition of the node covers —
   * PgBackMan's "databases without a definition". DELETED definitions cover nothing.
   */
  public List<String> withoutDefinition(String nodeReference, Collection<String> databases) {
    List<DatabaseSelector> selectors = store.read(handle -> handle.createQuery(
            "select databases from definition where node_id = :node and status <> 'DELETED'")
        .bind("node", Lookup.id(handle, Table.NODE, nodeReference))
        .mapTo(String.class).map(DatabaseSelector::parse).list());
    return databases.stream().filter(db -> selectors.stream().noneMatch(s -> s.matches(db))).distinct().sorted().toList();
  }

  private static void refuseDuplicate(Handle handle, long node, DatabaseSelector databases, Kind kind, long self) {
    Optional<Long> existing = handle.createQuery("select id from definition where node_id = :node"
            + " and databases = :databases and kind = :kind and status <> 'DELETED' and id <> :self")
        .bind("node", node).bind("databases", databases.toString()).bind("kind", kind.name()).bind("self", self)
        .mapTo(Long.class).findFirst();
    existing.ifPresent(id -> {
      throw new DuplicateNameException(DatabaseSelector.FIELD, databases.toString(),
          "definition " + id + " backs them up on this node with kind " + kind);
    });
  }

  private static Definition load(Handle handle, long id) {
    return handle.createQuery(SELECT + " where d.id = :id").bind("id", id).map(new DefinitionRows()).one();
  }
}
