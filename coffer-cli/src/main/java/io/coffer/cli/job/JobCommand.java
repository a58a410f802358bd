package io.coffer.cli.job;

import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.cli.CommandGroup;
import io.coffer.cli.definition.Ids;
import io.coffer.cli.session.AnywhereCommand;
import io.coffer.cli.session.Operations;
import io.coffer.cli.session.Question;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer job}: the job queue that agents carry out. */
@Command(name = "job", description = "The job queue that agents carry out: list, show, log, abort.",
    subcommands = {JobCommand.JobList.class, JobCommand.JobShow.class, JobCommand.JobLog.class,
        JobCommand.JobAbort.class})
public final class JobCommand extends CommandGroup {

  /** {@code coffer job list}. */
  @Command(name = "list", description = "List jobs, newest first.")
  static final class JobList extends AnywhereCommand {

    @Option(names = "--state", paramLabel = "STATE",
        description = "QUEUED, RUNNING, SUCCEEDED, FAILED, ABORTED or SKIPPED.")
    String state;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
      description = "At most N jobs, newest first (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    protected int run(Operations operations) {
      print(JobText.rows(operations.jobs(state == null ? null : JobState.parse(state), limit)), "No jobs.");
      return 0;
    }
  }

  /** A command about one job, named by its id. */
  abstract static class OneJob extends AnywhereCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Id of the job.")
    String id;

    @Override
    protected List<Question> questions() {
      return List.of(Question.required("Job id", "#0", () -> id, v -> id = v));
    }

    long id() {
      return Ids.parse("job", id);
    }
  }

  /** {@code coffer job show ID}. */
  @Command(name = "show", description = "Show a job: state, agent, lease, live progress, error.")
  static final class JobShow extends OneJob {

    @Override
    protected int run(Operations operations) {
      print(JobText.details(operations.job(id())));
      return 0;
    }
  }

  /** {@code coffer job log ID}. */
  @Command(name = "log", description = "Print a job's log: what its agent did, step by step.")
  static final class JobLog extends OneJob {

    @Override
    protected int run(Operations operations) {
      String log = operations.jobLog(id());
      if (json()) {
        printJson(java.util.Map.of("id", id(), "log", log));
      } else {
        out().print(log);
        out().flush();
      }
      return 0;
    }
  }

  /** {@code coffer job abort ID}. */
  @Command(name = "abort", description = {"Abort a job.",
      "A queued one ends at once; a running one is stopped by its agent within seconds (its backup commits",
      "nothing and is recorded ABORTED)."})
  static final class JobAbort extends OneJob {

    @Override
    protected int run(Operations operations) {
      Job job = operations.abortJob(id());
      if (machineReadable()) {
        print(JobText.details(job));
      } else {
        say(job.state() == JobState.ABORTED ? "[Done] job " + job.id() + " ABORTED before it started."
            : "[Done] asked agent " + job.claimedBy() + " to abort job " + job.id() + "; `coffer job show "
                + job.id() + "` shows when it has.");
      }
      return 0;
    }
  }
}
