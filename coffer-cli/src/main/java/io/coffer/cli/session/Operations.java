package io.coffer.cli.session;

import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.DefinitionFilter;
import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.catalog.node.Node;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the commands that run the same here and against a server ({@code coffer --server URL …})
 * read and change: the engine of this process ({@link LocalOperations}) or a server's API
 * ({@code io.coffer.cli.remote.RemoteOperations}). Both hand back the catalog's records, so that a
 * command prints them with one piece of code whichever answered.
 */
public interface Operations {

  List<Backup> backups(BackupFilter filter);

  Backup backup(long id);

  /** The jobs making backups now, with their live progress. */
  List<Job> runningBackups();

  /** The job making backup {@code id}, while there is one. */
  Optional<Job> jobOfBackup(long id);

  Job abortBackup(long id);

  List<Job> jobs(JobState state, int limit);

  Job job(long id);

  /** The job once it has ended, or as it stands after at most {@code wait}. */
  Job awaitJob(long id, Duration wait);

  Job abortJob(long id);

  /** What the job's agent did, step by step. */
  String jobLog(long id);

  List<Definition> definitions(DefinitionFilter filter);

  Definition definition(long id);

  List<Node> nodes();
}
