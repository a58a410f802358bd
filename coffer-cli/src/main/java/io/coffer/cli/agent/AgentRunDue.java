package io.coffer.cli.agent;

import io.coffer.cli.ExitCode;
import io.coffer.cli.restore.PlanPrinter;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Rows;
import io.coffer.cli.session.Text;
import io.coffer.engine.Coffer;
import io.coffer.engine.restore.DueRestores;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code coffer agent run-due}: what the agent runs (from cron or a timer) to carry out the scheduled
 * restores assigned to it whose time has come. Exits 1 when any of them failed; each failure is
 * recorded on its scheduled restore with the reason.
 */
@Command(name = "run-due", description = {"Carry out the scheduled restores of this agent whose time has come.",
    "Exits 1 when any failed; the reason is kept on the scheduled restore (restore scheduled ID)."})
final class AgentRunDue extends EngineCommand {

  @Override
  protected int run(Coffer coffer) {
    List<DueRestores.Result> results = coffer.dueRestores().run(Instant.now(),
        new PlanPrinter(out(), err(), !machineReadable()), progress());
    if (machineReadable()) {
      Rows rows = new Rows("SCHEDULED RESTORE", "STATUS", "RESTORE", "ERROR");
      results.forEach(r -> rows.add(r.definition().id(), r.definition().status(),
          Text.id(r.restore().map(x -> x.id()).orElse(null)), r.definition().error()));
      print(rows, "");
    } else if (results.isEmpty()) {
      say("Nothing due for agent " + coffer.config().agent() + ".");
    }
    for (DueRestores.Result r : results) {
      if (r.succeeded()) {
        say("[Done] scheduled restore " + r.definition().id() + ": restore "
            + Text.id(r.restore().map(x -> x.id()).orElse(null)) + " of backup " + r.definition().backupId()
            + " to node " + r.definition().targetNode() + " SUCCEEDED.");
      } else {
        err().println("coffer: scheduled restore " + r.definition().id() + " FAILED: " + r.definition().error());
        err().flush();
      }
    }
    return results.stream().allMatch(DueRestores.Result::succeeded) ? ExitCode.OK : ExitCode.FAILURE;
  }
}
