package io.coffer.cli.restore;

import io.coffer.cli.definition.Ids;
import io.coffer.cli.session.EngineCommand;
import io.coffer.engine.Coffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code coffer restore scheduled [ID]}: the scheduled restores, or one of them in full. */
@Command(name = "scheduled", description = "List scheduled restores, earliest first; with an id, show one.")
final class RestoreScheduled extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Id of a scheduled restore to show.")
  String id;

  @Override
  protected int run(Coffer coffer) {
    if (id == null) {
      print(ScheduledRestoreDetails.rows(coffer.restoreRecords().scheduled()), "No scheduled restores.");
    } else {
      print(ScheduledRestoreDetails.of(coffer.restoreRecords().scheduled(Ids.parse("scheduled restore", id))));
    }
    return 0;
  }
}
