package io.coffer.catalog.definition;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.config.NodeDefaults;
import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.retention.KeepPolicy;
import io.coffer.catalog.retention.Redundancy;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.catalog.schedule.CronSpec;
import io.coffer.model.Engine;
import io.coffer.model.Kind;
import java.util.random.RandomGenerator;

/**
 * A definition to add. Agent, node, volume and databases (but for FILES) are required; everything else falls back
 * to the node's settings (kind, retention, redundancy, extra parameters) or to fixed defaults (level
 * plan {@code 0}, day-of-month, month and day-of-week {@code *}). A minute or hour left out is
 * chosen at random inside the node's backup window, so that many definitions spread out.
 */
public final class NewDefinition {

  private String agent;
  private String node;
  private String volume;
  private DatabaseSelector databases;
  private final String[] cron = new String[5];
  private Kind kind;
  private LevelPlan levels = LevelPlan.FULL_ONLY;
  private RetentionPeriod retention;
  private Redundancy redundancy;
  private Expire expire;
  private KeepPolicy keep = KeepPolicy.NONE;
  private String extraParameters;
  private FilesOptions files = FilesOptions.OF_NODE;
  private int verifyEvery;
  private DefinitionStatus status = DefinitionStatus.ACTIVE;
  private String remarks = "";

  /** The agent that runs the backups, the node backed up and the volume they go to. */
  public static NewDefinition of(String agent, String node, String volume, DatabaseSelector databases) {
    NewDefinition definition = new NewDefinition();
    definition.agent = agent;
    definition.node = node;
    definition.volume = volume;
    definition.databases = databases;
    return definition;
  }

  /** Any field left null (minute and hour in particular) gets its default. */
  public NewDefinition cron(String minute, String hour, String dayOfMonth, String month, String dayOfWeek) {
    cron[0] = minute;
    cron[1] = hour;
    cron[2] = dayOfMonth;
    cron[3] = month;
    cron[4] = dayOfWeek;
    return this;
  }

  public NewDefinition schedule(CronSpec schedule) {
    return cron(schedule.minute(), schedule.hour(), schedule.dayOfMonth(), schedule.month(), schedule.dayOfWeek());
  }

  public NewDefinition kind(Kind value) {
    this.kind = value;
    return this;
  }

  public NewDefinition levels(LevelPlan value) {
    this.levels = value;
    return this;
  }

  public NewDefinition retention(RetentionPeriod value) {
    this.retention = value;
    return this;
  }

  public NewDefinition redundancy(Redundancy value) {
    this.redundancy = value;
    return this;
  }

  public NewDefinition expire(Expire value) {
    this.expire = value;
    return this;
  }

  public NewDefinition keep(KeepPolicy value) {
    this.keep = value;
    return this;
  }

  /** FILES: how the data directory is copied; empty values take the node's settings. */
  public NewDefinition files(FilesOptions value) {
    this.files = value == null ? FilesOptions.OF_NODE : value;
    return this;
  }

  public FilesOptions files() {
    return files;
  }

  public NewDefinition extraParameters(String value) {
    this.extraParameters = value;
    return this;
  }

  /** Verify every {@code runs}-th backup by restoring it; 0 never. */
  public NewDefinition verifyEvery(int runs) {
    this.verifyEvery = checkVerifyEvery(runs);
    return this;
  }

  static int checkVerifyEvery(int runs) {
    if (runs < 0) {
      throw new CatalogValidationException("verify-every", runs, "a whole number ≥ 0 (0 never verifies)");
    }
    return runs;
  }

  /** Verification restores the backup into a scratch database, which a DATA backup cannot fill alone. */
  static void requireVerifiable(Kind kind, int verifyEvery) {
    if (verifyEvery > 0 && !kind.restoresOnItsOwn()) {
      throw new CatalogValidationException("verify-every", verifyEvery,
          "the backups of a " + kind + " definition load into existing tables and cannot be restored alone",
          "0 for a " + kind + " definition; verify a FULL, SCHEMA or CLUSTER definition of the same databases");
    }
  }

  public NewDefinition status(DefinitionStatus value) {
    this.status = value;
    return this;
  }

  public NewDefinition remarks(String value) {
    this.remarks = value == null ? "" : value.strip();
    return this;
  }

  String agent() {
    return agent;
  }

  /** The node as given (name or id). */
  public String node() {
    return node;
  }

  String volume() {
    return volume;
  }

  /** The databases as given; null when none were (a FILES definition). */
  public DatabaseSelector databases() {
    return databases;
  }

  /**
   * The databases, and for FILES and PHYSICAL, which copy the whole data directory, {@code
   * #all_databases#} when none were given (any other selection is refused).
   */
  DatabaseSelector databases(Kind kind) {
    return DatabaseSelector.forKind(kind, databases, "definition");
  }

  LevelPlan levels() {
    return levels;
  }

  Expire expire() {
    return expire;
  }

  KeepPolicy keep() {
    return keep;
  }

  int verifyEvery() {
    return verifyEvery;
  }

  DefinitionStatus status() {
    return status;
  }

  String remarks() {
    return remarks;
  }

  /** The kind given, else the node's default. */
  public Kind kind(NodeDefaults defaults) {
    return kind != null ? kind : defaults.kind();
  }

  /**
   * The kind given, else the node's default; a filesystem node has nothing but FILES, whatever its
   * default says.
   */
  public Kind kind(NodeDefaults defaults, Engine engine) {
    if (kind == null && engine == Engine.FILESYSTEM) {
      return Kind.FILES;
    }
    return kind != null ? kind : defaults.kind();
  }

  RetentionPeriod retention(NodeDefaults defaults) {
    return retention != null ? retention : defaults.retention();
  }

  Redundancy redundancy(NodeDefaults defaults) {
    return redundancy != null ? redundancy : defaults.redundancy();
  }

  /** The extra parameters given, else the node's default. */
  public String extraParameters(NodeDefaults defaults) {
    return extraParameters != null ? extraParameters.strip() : defaults.extraParameters();
  }

  /** The schedule with the gaps filled: a random minute and hour inside the window, else {@code *}. */
  CronSpec schedule(NodeDefaults defaults, RandomGenerator random) {
    return CronSpec.of(
        cron[0] != null ? cron[0] : Integer.toString(defaults.window().randomMinute(random)),
        cron[1] != null ? cron[1] : Integer.toString(defaults.window().randomHour(random)),
        cron[2] != null ? cron[2] : "*",
        cron[3] != null ? cron[3] : "*",
        cron[4] != null ? cron[4] : "*");
  }

  /** Fails, naming the field, when a required reference is missing. */
  void requireReferences() {
    require("agent", agent);
    require("node", node);
    require("volume", volume);
  }

  private static void require(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new CatalogValidationException(field, value, "the id or name of a registered " + field);
    }
  }
}
