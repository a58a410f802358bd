package io.coffer.cli.report;

import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Rows;
import io.coffer.cli.session.Text;
import io.coffer.engine.Coffer;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code coffer job}: the job queue. */
@Command(name = "job", description = "The job queue.", subcommands = JobCommand.JobList.class)
public final class JobCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code coffer job list}. */
  @Command(name = "list", description = "List jobs, newest first.")
  static final class JobList extends EngineCommand {

    @Option(names = "--state", paramLabel = "STATE", description = "QUEUED, RUNNING, SUCCEEDED, FAILED or ABORTED.")
    String state;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50")
    int limit;

    @Override
    protected int run(Coffer coffer) {
      Rows rows = new Rows("ID", "TYPE", "STATE", "AGENT", "CLAIMED BY", "PROGRESS", "CREATED", "FINISHED", "ERROR")
          .alignRight(0, 5);
      for (Job j : coffer.catalog().jobs().list(state == null ? null : JobState.parse(state), limit)) {
        rows.add(j.id(), j.type(), j.state(), j.agent() == null ? "any" : j.agent(),
            j.claimedBy() == null ? "" : j.claimedBy(), String.format(Locale.ROOT, "%.0f%%", j.progress()),
            Text.time(j.createdAt()), Text.time(j.finishedAt()), j.error());
      }
      print(rows, "No jobs.");
      return 0;
    }
  }
}
