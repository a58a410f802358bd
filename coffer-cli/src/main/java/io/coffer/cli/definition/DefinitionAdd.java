package io.coffer.cli.definition;

import io.coffer.catalog.Enums;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.DefinitionStatus;
import io.coffer.catalog.definition.FilesOptions;
import io.coffer.catalog.definition.LevelPlan;
import io.coffer.catalog.definition.NewDefinition;
import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.retention.KeepPolicy;
import io.coffer.catalog.retention.Redundancy;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import io.coffer.engine.definition.DefinitionService;
import io.coffer.model.Kind;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code coffer definition add --node N --databases D …}. */
@Command(name = "add", description = "Define a scheduled backup.")
final class DefinitionAdd extends EngineCommand {

  @Option(names = "--node", paramLabel = "NODE", description = "Id or name of the node.")
  String node;

  @Option(names = {"--databases", "--database"}, paramLabel = "DATABASES",
      description = "A name, a list a,b, a pattern sales_* or #all_databases#, with exclusions !x (none for FILES and PHYSICAL).")
  String databases;

  @Option(names = "--agent", paramLabel = "AGENT", description = "Agent that runs it (default: this host's agent).")
  String agent;

  @Option(names = "--volume", paramLabel = "VOLUME", description = "Volume it goes to (default: volume.default or the only one).")
  String volume;

  @Mixin ScheduleOptions schedule;

  @Mixin PolicyOptions policy;

  @Override
  protected List<Question> questions() {
    return List.of(
        Question.required("Node id / name", "--node", () -> node, v -> node = v),
        Question.optional("Databases (empty for FILES and PHYSICAL)", "--databases", () -> databases, v -> databases = v, ""),
        Question.optional("Agent", "--agent", () -> agent, v -> agent = v, ""),
        Question.optional("Volume", "--volume", () -> volume, v -> volume = v, ""),
        Question.optional("Minutes cron", "--minute", () -> schedule.minute, v -> schedule.minute = v, ""),
        Question.optional("Hours cron", "--hour", () -> schedule.hour, v -> schedule.hour = v, ""),
        Question.optional("Day-month cron", "--day-of-month", () -> schedule.dayOfMonth, v -> schedule.dayOfMonth = v, "*"),
        Question.optional("Month cron", "--month", () -> schedule.month, v -> schedule.month = v, "*"),
        Question.optional("Weekday cron", "--day-of-week", () -> schedule.dayOfWeek, v -> schedule.dayOfWeek = v, "*"),
        Question.optional("Kind", "--kind", () -> policy.kind, v -> policy.kind = v, "").checkedBy(Enums::kind),
        Question.optional("Level plan", "--level-plan", () -> policy.levelPlan, v -> policy.levelPlan = v, "0")
            .checkedBy(LevelPlan::parse),
        Question.optional("Retention period", "--retention", () -> policy.retention, v -> policy.retention = v, "")
            .checkedBy(RetentionPeriod::parse),
        Question.optional("Retention redundancy", "--redundancy", () -> policy.redundancy, v -> policy.redundancy = v, "")
            .checkedBy(Redundancy::parse),
        Question.optional("Expire", "--expire", () -> policy.expire, v -> policy.expire = v, "").checkedBy(Expire::parse),
        Question.optional("Extra parameters", "--extra-parameters", () -> policy.extraParameters,
            v -> policy.extraParameters = v, ""),
        Question.optional("Status", "--status", () -> policy.status, v -> policy.status = v, "ACTIVE")
            .checkedBy(DefinitionStatus::parse),
        Question.optional("Remarks", "--remarks", () -> policy.remarks, v -> policy.remarks = v, ""));
  }

  @Override
  protected int run(Coffer coffer) {
    if (!PolicyOptions.given(agent)) {
      coffer.ensureThisAgent().ifPresent(notice -> err().println("coffer: " + notice));
    }
    String agentName = PolicyOptions.given(agent) ? agent : coffer.config().agent();
    String volumeName = PolicyOptions.given(volume) ? volume : Defaults.volume(coffer);
    NewDefinition spec = NewDefinition.of(agentName, node, volumeName,
        PolicyOptions.given(databases) ? DatabaseSelector.parse(databases) : null);
    String[] cron = schedule.fields();
    spec.cron(cron[0], cron[1], cron[2], cron[3], cron[4]);
    if (PolicyOptions.given(policy.kind)) {
      spec.kind(Enums.kind(policy.kind));
    }
    if (PolicyOptions.given(policy.levelPlan)) {
      spec.levels(LevelPlan.parse(policy.levelPlan));
    }
    if (PolicyOptions.given(policy.retention)) {
      spec.retention(RetentionPeriod.parse(policy.retention));
    }
    if (PolicyOptions.given(policy.redundancy)) {
      spec.redundancy(Redundancy.parse(policy.redundancy));
    }
    if (PolicyOptions.given(policy.expire)) {
      spec.expire(Expire.parse(policy.expire));
    }
    if (policy.keepGiven()) {
      spec.keep(policy.keep(KeepPolicy.NONE));
    }
    if (PolicyOptions.given(policy.extraParameters)) {
      spec.extraParameters(policy.extraParameters);
    }
    if (PolicyOptions.given(policy.verifyEvery)) {
      spec.verifyEvery(PolicyOptions.number("verify-every", policy.verifyEvery));
    }
    if (PolicyOptions.given(policy.status)) {
      spec.status(DefinitionStatus.parse(policy.status));
    }
    spec.remarks(policy.remarks);
    spec.files(new FilesOptions(policy.quiesce, policy.onChange, Boolean.TRUE.equals(policy.forceUnquiesced)));
    DefinitionService.Added result = coffer.definitions().addChecked(spec);
    Definition added = result.definition();
    if (result.check() != null) {
      tellDatabaseCheck(result.check());
    }
    if (machineReadable()) {
      print(DefinitionDetails.of(added));
    } else {
      say("[Done] definition " + added.id() + " of node " + added.node() + " databases " + added.databases()
          + " scheduled \"" + added.schedule() + "\".");
    }
    return 0;
  }
}
