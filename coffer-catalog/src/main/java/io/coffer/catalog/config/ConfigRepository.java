package io.coffer.catalog.config;

import io.coffer.catalog.backup.Kind;
import io.coffer.catalog.retention.Redundancy;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.catalog.schedule.BackupWindow;
import io.coffer.catalog.store.Change;
import io.coffer.catalog.store.Lookup;
import io.coffer.catalog.store.Store;
import io.coffer.catalog.store.Table;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Reads and sets the defaults and the settings of agents and nodes. A node's setting is its own
 * row in {@code node_config} when it has one, else the default; resetting a key deletes the row.
 */
public final class ConfigRepository {

  private final Store store;

  public ConfigRepository(Store store) {
    this.store = store;
  }

  /** The defaults every agent or node inherits. */
  public List<ConfigEntry> defaults(ConfigScope scope) {
    return store.read(handle -> handle.createQuery("select key, value, description from config_default"
            + " where scope = :scope order by key")
        .bind("scope", scopeName(scope))
        .map((row, ctx) -> new ConfigEntry(row.getString("key"), row.getString("value"), row.getString("description"), true))
        .list());
  }

  public void setDefault(ConfigScope scope, String key, String value) {
    ConfigKey configKey = ConfigKey.parse(scope, key);
    String canonical = configKey.check(value);
    store.change(new Change("config set-default", scopeName(scope) + " " + configKey, "value \"" + canonical + "\""),
        handle -> handle.createUpdate("update config_default set value = :value where scope = :scope and key = :key")
            .bind("value", canonical).bind("scope", scopeName(scope)).bind("key", configKey.key()).execute());
  }

  /** The node's effective settings: its own values, and the defaults for the rest. */
  public List<ConfigEntry> forNode(String nodeReference) {
    return store.read(handle -> effective(handle, ConfigScope.NODE, Lookup.id(handle, Table.NODE, nodeReference)));
  }

  public List<ConfigEntry> forAgent(String agentReference) {
    return store.read(handle -> effective(handle, ConfigScope.AGENT, Lookup.id(handle, Table.AGENT, agentReference)));
  }

  public void setForNode(String nodeReference, String key, String value) {
    set(ConfigScope.NODE, Table.NODE, nodeReference, key, value);
  }

  public void setForAgent(String agentReference, String key, String value) {
    set(ConfigScope.AGENT, Table.AGENT, agentReference, key, value);
  }

  /** Drops the node's own value, so it inherits the default again. */
  public void resetForNode(String nodeReference, String key) {
    reset(ConfigScope.NODE, Table.NODE, nodeReference, key);
  }

  /** The node's effective settings, typed, for filling in what a new definition leaves out. */
  public NodeDefaults nodeDefaults(String nodeReference) {
    Map<String, String> values = forNode(nodeReference).stream()
        .collect(Collectors.toMap(ConfigEntry::key, ConfigEntry::value));
    return new NodeDefaults(
        BackupWindow.parse(values.get(ConfigKey.BACKUP_MINUTE_WINDOW.key()), values.get(ConfigKey.BACKUP_HOUR_WINDOW.key())),
        Kind.parse(values.get(ConfigKey.KIND.key())),
        RetentionPeriod.parse(values.get(ConfigKey.RETENTION_PERIOD.key())),
        Redundancy.parse(values.get(ConfigKey.RETENTION_REDUNDANCY.key())),
        values.get(ConfigKey.EXTRA_PARAMETERS.key()),
        values.get(ConfigKey.NODE_NOTIFICATION_ADDRESS.key()));
  }

  private void set(ConfigScope scope, Table table, String reference, String key, String value) {
    ConfigKey configKey = ConfigKey.parse(scope, key);
    String canonical = configKey.check(value);
    String owner = scopeName(scope);
    Change change = new Change("config set", owner + " " + reference + " " + configKey, "value \"" + canonical + "\"");
    store.change(change, handle -> handle.createUpdate("insert into " + owner + "_config (" + owner + "_id, key, value)"
            + " values (:id, :key, :value) on conflict (" + owner + "_id, key) do update set value = excluded.value")
        .bind("id", Lookup.id(handle, table, reference)).bind("key", configKey.key()).bind("value", canonical)
        .execute());
  }

  private void reset(ConfigScope scope, Table table, String reference, String key) {
    ConfigKey configKey = ConfigKey.parse(scope, key);
    String owner = scopeName(scope);
    store.change(Change.of("config reset", owner + " " + reference + " " + configKey),
        handle -> handle.createUpdate("delete from " + owner + "_config where " + owner + "_id = :id and key = :key")
            .bind("id", Lookup.id(handle, table, reference)).bind("key", configKey.key()).execute());
  }

  private static List<ConfigEntry> effective(Handle handle, ConfigScope scope, long ownerId) {
    String owner = scopeName(scope);
    return handle.createQuery("select d.key, coalesce(o.value, d.value) as value, d.description,"
            + " case when o.value is null then 1 else 0 end as inherited"
            + " from config_default d left join " + owner + "_config o on o.key = d.key and o." + owner + "_id = :id"
            + " where d.scope = :scope order by d.key")
        .bind("id", ownerId).bind("scope", owner)
        .map((row, ctx) -> new ConfigEntry(
            row.getString("key"), row.getString("value"), row.getString("description"), row.getInt("inherited") == 1))
        .list();
  }

  private static String scopeName(ConfigScope scope) {
    return scope.name().toLowerCase(Locale.ROOT);
  }
}
