package io.coffer.cli.oneoff;

import io.coffer.catalog.Enums;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.oneoff.NewOneoff;
import io.coffer.catalog.oneoff.Oneoff;
import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.cli.definition.Defaults;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import io.coffer.model.Kind;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer oneoff add --node N --databases D --at TIME}. */
@Command(name = "add", description = "Plan a backup that runs once.")
final class OneoffAdd extends EngineCommand {

  @Option(names = "--node", paramLabel = "NODE",
      description = "Id or name of the node.")
  String node;

  @Option(names = {"--databases", "--database"}, paramLabel = "DATABASES",
      description = "A name, a list a,b, a pattern sales_* or #all_databases#, with exclusions !x"
          + " (none for FILES and PHYSICAL).")
  String databases;

  @Option(names = "--at", paramLabel = "TIME", description = "When: now, 2026-12-01T02:00 (local time) or an ISO instant.")
  String at;

  @Option(names = "--agent", paramLabel = "AGENT",
      description = "Agent that runs it (default: this host's agent).")
  String agent;

  @Option(names = "--volume", paramLabel = "VOLUME",
      description = "Volume it goes to (default: volume.default or the only one).")
  String volume;

  @Option(names = "--kind", paramLabel = "KIND", description = "A kind the node's engine makes (default: the node's setting kind); another is refused, naming the kinds it accepts.")
  String kind;

  @Option(names = "--tag", paramLabel = "TAG", description = "A label, e.g. before-upgrade.")
  String tag;

  @Option(names = "--retention", paramLabel = "PERIOD",
      description = "How long the backup is kept, e.g. \"14d\" or \"2 weeks\".")
  String retention;

  @Option(names = "--expire", paramLabel = "EXPIRE",
      description = "Expire the backup after e.g. \"1w 3d 4h\" or \"10 days\".")
  String expire;

  @Option(names = "--extra-parameters", paramLabel = "TEXT",
      description = "Options for the node's dump tool, e.g. \"--ignore-table=shop.audit\" (see the user guide).")
  String extraParameters;

  @Option(names = "--remarks", paramLabel = "TEXT",
      description = "A free-text note shown by oneoff show.")
  String remarks;

  @Override
  protected List<Question> questions() {
    return List.of(
        Question.required("Node id / name", "--node", () -> node, v -> node = v),
        Question.optional("Databases (empty for FILES and PHYSICAL)", "--databases", () -> databases,
            v -> databases = v, ""),
        Question.optional("At time", "--at", () -> at, v -> at = v, "now"),
        Question.optional("Kind", "--kind", () -> kind, v -> kind = v, ""),
        Question.optional("Tag", "--tag", () -> tag, v -> tag = v, ""),
        Question.optional("Retention period", "--retention", () -> retention, v -> retention = v, ""),
        Question.optional("Remarks", "--remarks", () -> remarks, v -> remarks = v, ""));
  }

  @Override
  protected int run(Coffer coffer) {
    if (!given(agent)) {
      coffer.ensureThisAgent().ifPresent(notice -> err().println("coffer: " + notice));
    }
    DatabaseSelector selected = given(databases) ? DatabaseSelector.parse(databases) : null;
    NewOneoff spec = NewOneoff.of(given(agent) ? agent : coffer.config().agent(), node,
        given(volume) ? volume : Defaults.volume(coffer), selected, TypedTimes.parse("at", at));
    if (given(kind)) {
      spec.kind(Enums.kind(kind));
    }
    spec.tag(tag);
    if (given(retention)) {
      spec.retention(RetentionPeriod.parse(retention));
    }
    if (given(expire)) {
      spec.expire(Expire.parse(expire));
    }
    if (given(extraParameters)) {
      spec.extraParameters(extraParameters);
    }
    spec.remarks(remarks);
    // As for a definition: a database the node does not have is refused now, not at the run.
    io.coffer.engine.definition.DatabaseCheck check =
        selected == null ? null : coffer.definitions().checkDatabases(node, selected);
    Oneoff added = coffer.definitions().addOneoff(spec);
    if (check != null) {
      tellDatabaseCheck(check);
    }
    if (machineReadable()) {
      print(OneoffDetails.of(added));
    } else {
      say("[Done] one-off " + added.id() + " of node " + added.node() + " planned at "
          + io.coffer.cli.session.Text.time(added.runAt()) + ".");
    }
    return 0;
  }

  private static boolean given(String text) {
    return text != null && !text.isBlank();
  }
}
