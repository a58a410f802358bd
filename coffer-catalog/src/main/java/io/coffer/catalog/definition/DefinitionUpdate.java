package io.coffer.catalog.definition;

import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.retention.KeepPolicy;
import io.coffer.catalog.retention.Redundancy;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.catalog.schedule.CronSpec;
import io.coffer.model.Kind;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The changes to make to a definition; what is left unset stays as it is. The node and databases
 * of a definition never change: its backups are of those databases. Moving a definition to
 * another agent is {@link DefinitionRepository#move}.
 */
public final class DefinitionUpdate {

  private String volume;
  private final String[] cron = new String[5];
  private Kind kind;
  private LevelPlan levels;
  private RetentionPeriod retention;
  private Redundancy redundancy;
  private Optional<Expire> expire;
  private KeepPolicy keep;
  private String extraParameters;
  private String quiesce;
  private String onChange;
  private Boolean forceUnquiesced;
  private Integer verifyEvery;
  private DefinitionStatus status;
  private String remarks;

  public DefinitionUpdate volume(String value) {
    this.volume = value;
    return this;
  }

  /** Changes the given cron fields; null ones stay as they are. */
  public DefinitionUpdate cron(String minute, String hour, String dayOfMonth, String month, String dayOfWeek) {
    cron[0] = minute;
    cron[1] = hour;
    cron[2] = dayOfMonth;
    cron[3] = month;
    cron[4] = dayOfWeek;
    return this;
  }

  public DefinitionUpdate schedule(CronSpec schedule) {
    return cron(schedule.minute(), schedule.hour(), schedule.dayOfMonth(), schedule.month(), schedule.dayOfWeek());
  }

  public DefinitionUpdate kind(Kind value) {
    this.kind = value;
    return this;
  }

  public DefinitionUpdate levels(LevelPlan value) {
    this.levels = value;
    return this;
  }

  public DefinitionUpdate retention(RetentionPeriod value) {
    this.retention = value;
    return this;
  }

  public DefinitionUpdate redundancy(Redundancy value) {
    this.redundancy = value;
    return this;
  }

  /** A new expire, or {@code null} to have none. */
  public DefinitionUpdate expire(Expire value) {
    this.expire = Optional.ofNullable(value);
    return this;
  }

  public DefinitionUpdate keep(KeepPolicy value) {
    this.keep = value;
    return this;
  }

  /** FILES: the quiesce line; empty takes the node's setting again. */
  public DefinitionUpdate quiesce(String value) {
    this.quiesce = value == null ? "" : value.strip();
    return this;
  }

  /** FILES: warn or fail; empty takes the node's setting again. */
  public DefinitionUpdate onChange(String value) {
    this.onChange = new FilesOptions("", value, false).onChange();
    return this;
  }

  public DefinitionUpdate forceUnquiesced(boolean value) {
    this.forceUnquiesced = value;
    return this;
  }

  /** The quiesce line this update sets, if any, for the engine to check and canonicalize. */
  public java.util.Optional<String> quiesce() {
    return java.util.Optional.ofNullable(quiesce);
  }

  public DefinitionUpdate extraParameters(String value) {
    this.extraParameters = value == null ? "" : value.strip();
    return this;
  }

  public DefinitionUpdate verifyEvery(int runs) {
    this.verifyEvery = NewDefinition.checkVerifyEvery(runs);
    return this;
  }

  public DefinitionUpdate status(DefinitionStatus value) {
    this.status = value;
    return this;
  }

  public DefinitionUpdate remarks(String value) {
    this.remarks = value == null ? "" : value.strip();
    return this;
  }

  Optional<String> volume() {
    return Optional.ofNullable(volume);
  }

  /** The new extra parameters, when this update changes them. */
  public Optional<String> extraParameters() {
    return Optional.ofNullable(extraParameters);
  }

  /** The new kind, when this update changes it. */
  public Optional<Kind> kind() {
    return Optional.ofNullable(kind);
  }

  boolean changesKind() {
    return kind != null;
  }

  /** The definition's values with these changes applied (the schedule validated as a whole). */
  Definition applyTo(Definition d) {
    CronSpec schedule = CronSpec.of(
        cron[0] != null ? cron[0] : d.schedule().minute(),
        cron[1] != null ? cron[1] : d.schedule().hour(),
        cron[2] != null ? cron[2] : d.schedule().dayOfMonth(),
        cron[3] != null ? cron[3] : d.schedule().month(),
        cron[4] != null ? cron[4] : d.schedule().dayOfWeek());
    return new Definition(
        d.id(), d.agent(), d.node(), volume != null ? volume : d.volume(), d.databases(), schedule,
        kind != null ? kind : d.kind(),
        levels != null ? levels : d.levels(),
        retention != null ? retention : d.retention(),
        redundancy != null ? redundancy : d.redundancy(),
        expire != null ? expire : d.expire(),
        keep != null ? keep : d.keep(),
        extraParameters != null ? extraParameters : d.extraParameters(),
        verifyEvery != null ? verifyEvery : d.verifyEvery(),
        status != null ? status : d.status(),
        d.paused(),
        remarks != null ? remarks : d.remarks(),
        d.createdAt(),
        d.updatedAt(),
        new FilesOptions(quiesce != null ? quiesce : d.files().quiesce(), onChange != null ? onChange : d.files().onChange(),
            forceUnquiesced != null ? forceUnquiesced : d.files().forceUnquiesced()));
  }

  @Override
  public String toString() {
    StringJoiner changes = new StringJoiner(" ");
    if (volume != null) changes.add("volume " + volume);
    String[] names = {"minute", "hour", "day-of-month", "month", "day-of-week"};
    for (int i = 0; i < cron.length; i++) {
      if (cron[i] != null) changes.add(names[i] + " " + cron[i]);
    }
    if (kind != null) changes.add("kind " + kind);
    if (levels != null) changes.add("level-plan " + levels);
    if (retention != null) changes.add("retention \"" + retention + "\"");
    if (redundancy != null) changes.add("redundancy " + redundancy);
    if (expire != null) changes.add("expire " + expire.map(Expire::toString).orElse("none"));
    if (keep != null) changes.add("keep " + keep);
    if (extraParameters != null) changes.add("extra-parameters \"" + extraParameters + "\"");
    if (quiesce != null) changes.add("quiesce \"" + quiesce + "\"");
    if (onChange != null) changes.add("on-change " + (onChange.isEmpty() ? "(node's)" : onChange));
    if (forceUnquiesced != null) changes.add("force-unquiesced " + forceUnquiesced);
    if (verifyEvery != null) changes.add("verify-every " + verifyEvery);
    if (status != null) changes.add("status " + status);
    if (remarks != null) changes.add("remarks \"" + remarks + "\"");
    return changes.toString();
  }
}
