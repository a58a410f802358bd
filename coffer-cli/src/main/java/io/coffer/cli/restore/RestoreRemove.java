package io.coffer.cli.restore;

import io.coffer.cli.definition.Ids;
import io.coffer.cli.session.DestructiveCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code coffer restore remove ID}: a scheduled restore that is not running; restores it did keep their record. */
@Command(name = "remove", description = "Remove a scheduled restore that is not running; the restores done keep their record.")
final class RestoreRemove extends DestructiveCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Id of the scheduled restore.")
  String id;

  @Override
  protected List<Question> questions() {
    return List.of(Question.required("Scheduled restore id", "#0", () -> id, v -> id = v));
  }

  @Override
  protected String action() {
    return "remove scheduled restore " + id;
  }

  @Override
  protected int run(Coffer coffer) {
    coffer.restoreRecords().unschedule(Ids.parse("scheduled restore", id));
    say("[Done] scheduled restore " + id + " removed.");
    return 0;
  }
}
