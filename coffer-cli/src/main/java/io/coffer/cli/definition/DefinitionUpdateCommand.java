package io.coffer.cli.definition;

import io.coffer.catalog.backup.Kind;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.DefinitionStatus;
import io.coffer.catalog.definition.DefinitionUpdate;
import io.coffer.catalog.definition.LevelPlan;
import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.retention.Redundancy;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer definition update ID …}: node and databases never change. */
@Command(name = "update", description = "Change a definition's schedule, kind, retention, volume or status.")
final class DefinitionUpdateCommand extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Id of the definition.")
  String id;

  @Option(names = "--volume", paramLabel = "VOLUME",
      description = "Volume its next backups go to.")
  String volume;

  @Option(names = "--no-expire", description = "Remove the definition's expire.")
  boolean noExpire;

  @Mixin ScheduleOptions schedule;

  @Mixin PolicyOptions policy;

  @Override
  protected List<Question> questions() {
    return List.of(
        Question.required("Definition id", "#0", () -> id, v -> id = v),
        Question.optional("Status", "--status", () -> policy.status, v -> policy.status = v, ""),
        Question.optional("Retention period", "--retention", () -> policy.retention, v -> policy.retention = v, ""),
        Question.optional("Remarks", "--remarks", () -> policy.remarks, v -> policy.remarks = v, ""));
  }

  @Override
  protected int run(Coffer coffer) {
    DefinitionUpdate update = new DefinitionUpdate();
    if (PolicyOptions.given(volume)) {
      update.volume(volume);
    }
    String[] cron = schedule.fields();
    update.cron(cron[0], cron[1], cron[2], cron[3], cron[4]);
    if (PolicyOptions.given(policy.kind)) {
      update.kind(Kind.parse(policy.kind));
    }
    if (PolicyOptions.given(policy.levelPlan)) {
      update.levels(LevelPlan.parse(policy.levelPlan));
    }
    if (PolicyOptions.given(policy.retention)) {
      update.retention(RetentionPeriod.parse(policy.retention));
    }
    if (PolicyOptions.given(policy.redundancy)) {
      update.redundancy(Redundancy.parse(policy.redundancy));
    }
    if (PolicyOptions.given(policy.expire)) {
      update.expire(Expire.parse(policy.expire));
    } else if (noExpire) {
      update.expire(null);
    }
    long definition = Ids.parse("definition", id);
    if (policy.keepGiven()) {
      update.keep(policy.keep(coffer.definitions().show(definition).keep()));
    }
    if (policy.extraParameters != null) {
      update.extraParameters(policy.extraParameters);
    }
    if (PolicyOptions.given(policy.verifyEvery)) {
      update.verifyEvery(PolicyOptions.number("verify-every", policy.verifyEvery));
    }
    if (PolicyOptions.given(policy.status)) {
      update.status(DefinitionStatus.parse(policy.status));
    }
    if (PolicyOptions.given(policy.remarks)) {
      update.remarks(policy.remarks);
    }
    if (policy.quiesce != null) {
      update.quiesce(policy.quiesce);
    }
    if (policy.onChange != null) {
      update.onChange(policy.onChange);
    }
    if (policy.forceUnquiesced != null) {
      update.forceUnquiesced(policy.forceUnquiesced);
    }
    Definition changed = coffer.definitions().update(definition, update);
    if (machineReadable()) {
      print(DefinitionDetails.of(changed));
    } else {
      say("[Done] definition " + changed.id() + " updated.");
    }
    return 0;
  }
}
