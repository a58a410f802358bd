package io.coffer.cli.remote;

import com.fasterxml.jackson.core.type.TypeReference;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.DefinitionFilter;
import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.catalog.job.JobType;
import io.coffer.catalog.node.Node;
import io.coffer.cli.session.Operations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Operations} carried out by a server, through its API under {@code /api/v1}. It lives with
 * the command line, not with the server: it is how this interface reaches the engine when the
 * engine runs elsewhere, and it needs nothing of the server but the JSON mapping both ends share.
 */
public record RemoteOperations(RemoteServer server) implements Operations {

  private static final String API = "/api/v1";
  /** The most jobs a poll for running backups reads: more than any deployment runs at once. */
  private static final int RUNNING_LIMIT = 10_000;

  @Override
  public List<Backup> backups(BackupFilter filter) {
    return server.get(API + "/backups" + Remote.query("node", filter.node(), "database", filter.database(),
        "definition", filter.definition(), "status", filter.status(), "since", filter.since(), "limit",
        filter.limit()), new TypeReference<>() {});
  }

  @Override
  public Backup backup(long id) {
    return server.get(API + "/backups/" + id, Backup.class);
  }

  @Override
  public List<Job> runningBackups() {
    return jobs(JobState.RUNNING, RUNNING_LIMIT).stream().filter(j -> j.type() == JobType.BACKUP).toList();
  }

  @Override
  public Optional<Job> jobOfBackup(long id) {
    return runningBackups().stream().filter(j -> Long.valueOf(id).equals(j.subject().backupId())).findFirst();
  }

  @Override
  public Job abortBackup(long id) {
    return server.post(API + "/backups/" + id + "/abort", Map.of(), Job.class);
  }

  @Override
  public List<Job> jobs(JobState state, int limit) {
    return server.get(API + "/jobs" + Remote.query("state", state, "limit", limit), new TypeReference<>() {});
  }

  @Override
  public Job job(long id) {
    return server.get(API + "/jobs/" + id, Job.class);
  }

  @Override
  public Job awaitJob(long id, Duration wait) {
    return server.get(API + "/jobs/" + id + Remote.query("wait", wait.toMillis()), Job.class);
  }

  @Override
  public Job abortJob(long id) {
    return server.post(API + "/jobs/" + id + "/abort", Map.of(), Job.class);
  }

  @Override
  public String jobLog(long id) {
    return server.get(API + "/jobs/" + id + "/log").path("log").asText();
  }

  @Override
  public List<Definition> definitions(DefinitionFilter filter) {
    return server.get(API + "/definitions" + Remote.query("node", filter.node(), "agent", filter.agent(), "volume",
        filter.volume(), "status", filter.status()), new TypeReference<>() {});
  }

  @Override
  public Definition definition(long id) {
    return server.get(API + "/definitions/" + id, Definition.class);
  }

  @Override
  public List<Node> nodes() {
    return server.get(API + "/nodes", new TypeReference<>() {});
  }
}
