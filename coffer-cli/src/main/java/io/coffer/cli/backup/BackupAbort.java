package io.coffer.cli.backup;

import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.cli.definition.Ids;
import io.coffer.cli.job.JobText;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
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
final class BackupAbort extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Id of the backup.")
  String id;

  @Override
  protected List<Question> questions() {
    return List.of(Question.required("Backup id", "#0", () -> id, v -> id = v));
  }

  @Override
  protected int runRemote(io.coffer.cli.remote.RemoteServer server) {
    printRemote(server.post("/api/v1/backups/" + Ids.parse("backup", id) + "/abort", java.util.Map.of()), "",
        io.coffer.cli.remote.Remote.JOB);
    return 0;
  }

  @Override
  protected int run(Coffer coffer) {
    Job job = coffer.jobs().abortBackup(Ids.parse("backup", id));
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
