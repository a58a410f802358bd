package io.coffer.cli.restore;

import io.coffer.catalog.restore.RestoreDefinition;
import io.coffer.cli.definition.Ids;
import io.coffer.cli.oneoff.Times;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.cli.session.Text;
import io.coffer.engine.Coffer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code coffer restore add BACKUP_ID --target-node N --at TIME …}: a scheduled restore, carried out
 * by its agent ({@code coffer agent run-due}) as {@code restore run} with the same options would.
 */
@Command(name = "add", description = {"Schedule a restore: its agent carries it out at the given time"
    + " (coffer agent run-due) as restore run with the same options would."})
final class RestoreAdd extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "BACKUP_ID", description = "Id of the backup.")
  String backup;

  @Mixin RestoreOptions options;

  @Option(names = "--at", paramLabel = "TIME",
      description = "When: now, +2h, 2026-12-01T02:00 (local time) or an ISO instant. Default: now.")
  String at;

  @Option(names = "--agent", paramLabel = "AGENT", description = "Agent that carries it out. Default: this one.")
  String agent;

  @Option(names = "--remarks", paramLabel = "TEXT",
      description = "A free-text note shown by restore scheduled.")
  String remarks;

  @Option(names = "--yes", description = "Do not ask for confirmation of --drop-existing.")
  boolean yes;

  @Override
  protected List<Question> questions() {
    return List.of(
        Question.required("Backup id", "#0", () -> backup, v -> backup = v),
        Question.required("Target node id / name", "--target-node", () -> options.targetNode, v -> options.targetNode = v),
        Question.optional("Target database", "--target-database", () -> options.targetDatabase,
            v -> options.targetDatabase = v, ""),
        Question.optional("At time", "--at", () -> at, v -> at = v, "now"),
        Question.optional("Remarks", "--remarks", () -> remarks, v -> remarks = v, ""));
  }

  @Override
  protected String confirmation() {
    return options.dropsExisting()
        ? "Are you sure the restore should drop the existing target database if there is one when it runs?" : null;
  }

  @Override
  protected boolean assumeYes() {
    return yes;
  }

  @Override
  protected int run(Coffer coffer) {
    long id = Ids.parse("backup", backup);
    var spec = options.definition(id, agent != null && !agent.isBlank() ? agent : coffer.config().agent())
        .runAt(Times.parse("at", at)).remarks(remarks);
    RestoreDefinition added = coffer.restoreRecords().schedule(spec);
    if (machineReadable()) {
      print(ScheduledRestoreDetails.of(added));
    } else {
      say("[Done] scheduled restore " + added.id() + " of backup " + added.backupId() + " to node "
          + added.targetNode() + " at " + Text.time(added.runAt()) + ", by agent " + added.agent() + ".");
    }
    return 0;
  }
}
