package io.coffer.catalog.definition;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.retention.KeepPolicy;
import io.coffer.catalog.retention.Redundancy;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.catalog.schedule.CronSpec;
import io.coffer.catalog.store.Columns;
import io.coffer.model.Kind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps definition rows; one instance per query. "definition list" maps ten thousand rows whose
 * selectors, schedules, level plans and retention periods repeat; parsing each distinct text once
 * per query instead of once per row is what keeps the list under 100 ms (the parsers are regular
 * expressions, and they dominated the time).
 */
final class DefinitionRows implements RowMapper<Definition> {

  private final Map<String, DatabaseSelector> selectors = new HashMap<>();
  private final Map<String, CronSpec> schedules = new HashMap<>();
  private final Map<String, LevelPlan> plans = new HashMap<>();
  private final Map<String, RetentionPeriod> retentions = new HashMap<>();
  private final Map<String, Expire> expires = new HashMap<>();

  /** A value an older version stored that no longer parses names the definition it belongs to. */
  @Override
  public Definition map(ResultSet row, StatementContext context) throws SQLException {
    try {
      return mapValid(row);
    } catch (CatalogValidationException e) {
      throw e.stored("definition " + row.getLong("id"));
    }
  }

  private Definition mapValid(ResultSet row) throws SQLException {
    String expire = row.getString("expire");
    return new Definition(
        row.getLong("id"),
        row.getString("agent_name"),
        row.getString("node_name"),
        row.getString("volume_name"),
        selectors.computeIfAbsent(row.getString("databases"), DatabaseSelector::parse),
        schedule(row),
        Kind.valueOf(row.getString("kind")),
        plans.computeIfAbsent(row.getString("level_plan"), LevelPlan::parse),
        retentions.computeIfAbsent(row.getString("retention_period"), RetentionPeriod::parse),
        new Redundancy(row.getInt("retention_redundancy")),
        expire == null ? Optional.empty() : Optional.of(expires.computeIfAbsent(expire, Expire::parse)),
        new KeepPolicy(row.getInt("keep_daily"), row.getInt("keep_weekly"), row.getInt("keep_monthly"),
            row.getInt("keep_yearly")),
        row.getString("extra_parameters"),
        row.getInt("verify_every"),
        DefinitionStatus.valueOf(row.getString("status")),
        "DOWN".equals(row.getString("node_status")),
        row.getString("remarks"),
        Columns.instant(row, "created_at"),
        Columns.instant(row, "updated_at"),
        new FilesOptions(row.getString("quiesce"), row.getString("on_change"), row.getInt("force_unquiesced") != 0));
  }

  private CronSpec schedule(ResultSet row) throws SQLException {
    String[] fields = {
      row.getString("cron_minute"), row.getString("cron_hour"), row.getString("cron_day_of_month"),
      row.getString("cron_month"), row.getString("cron_day_of_week")
    };
    return schedules.computeIfAbsent(String.join(" ", fields),
        key -> CronSpec.fromCatalog(fields[0], fields[1], fields[2], fields[3], fields[4]));
  }
}
