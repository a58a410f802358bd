package io.coffer.cli.session;

import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.DefinitionFilter;
import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.catalog.node.Node;
import io.coffer.engine.Coffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@link Operations} carried out by the engine of this process, over its catalog. */
public record LocalOperations(Coffer coffer) implements Operations {

  @Override
  public List<Backup> backups(BackupFilter filter) {
    return coffer.backups().list(filter);
  }

  @Override
  public Backup backup(long id) {
    return coffer.backups().show(id);
  }

  @Override
  public List<Job> runningBackups() {
    return coffer.jobs().runningBackups();
  }

  @Override
  public Optional<Job> jobOfBackup(long id) {
    return coffer.jobs().ofBackup(id);
  }

  @Override
  public Job abortBackup(long id) {
    return coffer.jobs().abortBackup(id);
  }

  @Override
  public List<Job> jobs(JobState state, int limit) {
    return coffer.jobs().list(state, limit);
  }

  @Override
  public Job job(long id) {
    return coffer.jobs().show(id);
  }

  @Override
  public Job awaitJob(long id, Duration wait) {
    return coffer.jobs().await(id, wait);
  }

  @Override
  public Job abortJob(long id) {
    return coffer.jobs().abort(id);
  }

  @Override
  public String jobLog(long id) {
    return coffer.jobs().log(id);
  }

  @Override
  public List<Definition> definitions(DefinitionFilter filter) {
    return coffer.definitions().list(filter);
  }

  @Override
  public Definition definition(long id) {
    return coffer.definitions().show(id);
  }

  @Override
  public List<Node> nodes() {
    return coffer.nodes().list();
  }
}
