package io.coffer.cli.backup;

import io.coffer.cli.definition.Ids;
import io.coffer.cli.definition.Removals;
import io.coffer.cli.session.DestructiveCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code coffer backup delete ID}: out of the catalog and forgotten in its volume. */
@Command(name = "delete", description = {"Delete a backup: remove it from the catalog and forget it in its volume.",
    "Refused while incremental backups build on it. Its data goes at the next volume prune."})
final class BackupDelete extends DestructiveCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Id of the backup.")
  String id;


  @Override
  protected List<Question> questions() {
    return List.of(Question.required("Backup id", "#0", () -> id, v -> id = v));
  }

  @Override
  protected String action() {
    return "delete backup " + id + "";
  }

  @Override
  protected int run(Coffer coffer) {
    return Removals.report(out(), err(), "backup " + id, coffer.backups().delete(Ids.parse("backup", id)));
  }
}
