package io.coffer.server.api;

import io.coffer.catalog.Enums;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.definition.DefinitionStatus;
import io.coffer.catalog.definition.DefinitionUpdate;
import io.coffer.catalog.definition.LevelPlan;
import io.coffer.catalog.definition.NewDefinition;
import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.retention.Redundancy;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.catalog.schedule.CronSpec;
import io.coffer.server.http.RequestFields;
import io.coffer.server.http.Route.Param;
import java.util.List;

/**
 * A definition to add or a change to one, as the API's JSON and the console's form give it: the
 * same field names, read by the catalog's own parsers (those of {@code definition add} and {@code
 * definition update}), so a bad value is refused in the command line's words, naming the field.
 */
public final class DefinitionRequest {

  private static final String CRON = "a cron expression of five fields, e.g. \"30 2 * * *\"";

  /** What a new definition takes; node, agent and volume are required. */
  static final List<Param> NEW = List.of(
      new Param("node", "string", true, "the node backed up (id or name)"),
      new Param("databases", "string", false,
          "a name, a list a,b, a pattern sales_* or #all_databases#, with exclusions !x (none for FILES);"
              + " checked on the node when it answers"),
      new Param("agent", "string", true, "the agent that runs it (id or name)"),
      new Param("volume", "string", true, "the volume its backups go to (id or name)"),
      new Param("schedule", "string", false, CRON + " (default: a time in the node's backup window, daily)"),
      new Param("kind", "string", false, "CLUSTER, FULL, SCHEMA, DATA, PHYSICAL or FILES (default: the node's)"),
      new Param("levelPlan", "string", false, "the level of each run, e.g. \"0\" or \"0 1 1 1 1 1 1\""),
      new Param("retention", "string", false, "how long backups are kept, e.g. \"14d\" or \"1w 3d\""),
      new Param("redundancy", "string", false, "how many backups are kept at least"),
      new Param("expire", "string", false, "how long each backup is kept, e.g. \"1w 3d\""),
      new Param("status", "string", false, "ACTIVE (default) or STOPPED"),
      new Param("remarks", "string", false, "a free-text note"));

  /** What a change may touch; what is left out stays as it is. */
  static final List<Param> CHANGE = List.of(
      new Param("schedule", "string", false, CRON),
      new Param("levelPlan", "string", false, "the level of each run"),
      new Param("retention", "string", false, "how long backups are kept, e.g. \"14d\""),
      new Param("redundancy", "string", false, "how many backups are kept at least"),
      new Param("expire", "string", false, "how long each backup is kept"),
      new Param("status", "string", false, "ACTIVE or STOPPED"),
      new Param("remarks", "string", false, "a free-text note"));

  private DefinitionRequest() {}

  /** The definition the fields describe; refuses the first bad one, naming it. */
  public static NewDefinition of(RequestFields fields) {
    String node = fields.required("node", "the name of a node");
    DatabaseSelector databases = fields.parsed("databases", DatabaseSelector::parse).orElse(null);
    String agent = fields.required("agent", "the name of an agent");
    String volume = fields.required("volume", "the name of a volume");
    NewDefinition spec = NewDefinition.of(agent, node, volume, databases);
    fields.parsed("schedule", CronSpec::parse).ifPresent(spec::schedule);
    fields.parsed("kind", Enums::kind).ifPresent(spec::kind);
    fields.parsed("levelPlan", LevelPlan::parse).ifPresent(spec::levels);
    fields.parsed("retention", RetentionPeriod::parse).ifPresent(spec::retention);
    fields.parsed("redundancy", Redundancy::parse).ifPresent(spec::redundancy);
    fields.parsed("expire", Expire::parse).ifPresent(spec::expire);
    fields.parsed("status", DefinitionStatus::parse).ifPresent(spec::status);
    fields.string("remarks").ifPresent(spec::remarks);
    return spec;
  }

  /** The change the fields describe. */
  public static DefinitionUpdate change(RequestFields fields) {
    DefinitionUpdate update = new DefinitionUpdate();
    fields.parsed("schedule", CronSpec::parse).ifPresent(update::schedule);
    fields.parsed("levelPlan", LevelPlan::parse).ifPresent(update::levels);
    fields.parsed("retention", RetentionPeriod::parse).ifPresent(update::retention);
    fields.parsed("redundancy", Redundancy::parse).ifPresent(update::redundancy);
    fields.parsed("expire", Expire::parse).ifPresent(update::expire);
    fields.parsed("status", DefinitionStatus::parse).ifPresent(update::status);
    fields.string("remarks").ifPresent(update::remarks);
    return update;
  }
}
