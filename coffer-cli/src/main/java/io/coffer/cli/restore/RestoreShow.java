package io.coffer.cli.restore;

import io.coffer.catalog.restore.Restore;
import io.coffer.cli.definition.Ids;
import io.coffer.cli.output.Bytes;
import io.coffer.cli.session.Details;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.cli.session.Text;
import io.coffer.engine.Coffer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code coffer restore show ID}. */
@Command(name = "show", description = "Show a restore.")
final class RestoreShow extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID",
      description = "Id of the restore.")
  String id;

  @Override
  protected List<Question> questions() {
    return List.of(Question.required("Restore id", "#0", () -> id, v -> id = v));
  }

  @Override
  protected int run(Coffer coffer) {
    Restore r = coffer.restoreRecords().show(Ids.parse("restore", id));
    print(new Details()
        .add("Restore id", r.id())
        .add("Backup", Text.id(r.backupId()))
        .add("Manifest", r.manifestId())
        .add("Restore definition", Text.id(r.restoreDefinitionId()))
        .add("Agent", r.agent() == null ? "" : r.agent())
        .add("Target node", r.targetNode() == null ? "" : r.targetNode())
        .add("Target database", r.targetDatabase())
        .add("Existing renamed to", r.renamedExistingTo() == null ? "" : r.renamedExistingTo())
        .add("Status", r.status())
        .add("Started", Text.time(r.startedAt()))
        .add("Finished", Text.time(r.finishedAt()))
        .add("Duration", Text.duration(r.duration()))
        .add("Bytes written", Bytes.format(r.bytesWritten()))
        .add("Roles", String.join(", ", r.roles()))
        .add("Target server", r.serverVersion())
        .add("Restored with", r.toolVersion())
        .add("Error", r.error())
        .add("Log", r.logTail()));
    return 0;
  }
}
