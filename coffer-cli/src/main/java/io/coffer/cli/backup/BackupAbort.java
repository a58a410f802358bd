package io.coffer.cli.backup;

import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.cli.definition.Ids;
import io.coffer.cli.job.JobText;
import io.coffer.cli.session.AnywhereCommand;
import io.coffer.cli.session.Operations;
import io.coffer.cli.session.Question;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code coffer backup abort ID}: asks the agent making the backup to stop it (seed 004's abort). It
 * stops the dump and the upload within seconds, commits no manifest and records the backup ABORTED.
 */
@Command(name = "abort", description = {"Abort a running backup.",
    "Its agent stops it within seconds, commits nothing, and records it ABORTED (coffer backup list --running",
    "shows what runs)."})
final class BackupAbort extends AnywhereCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Id of the backup.")
  String id;

  @Override
  protected List<Question> questions() {
    return List.of(Question.required("Backup id", "#0", () -> id, v -> id = v));
  }

  @Override
  protected int run(Operations operations) {
    Job job = operations.abortBackup(Ids.parse("backup", id));
    if (machineReadable()) {
      print(JobText.details(job));
    } else {
      say(job.state() == JobState.ABORTED ? "[Done] job " + job.id() + " of backup " + id + " ABORTED."
          : "[Done] asked agent " + job.claimedBy() + " to abort backup " + id + " (job " + job.id()
              + "); `coffer backup show " + id + "` shows when it has.");
    }
    return 0;
  }
}
