package io.coffer.cli.backup;

import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.cli.definition.Ids;
import io.coffer.cli.oneoff.TypedTimes;
import io.coffer.cli.session.AnywhereCommand;
import io.coffer.cli.session.Operations;
import picocli.CommandLine.Command;
import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobProgress;
import io.coffer.cli.job.JobText;
import io.coffer.cli.session.Rows;
import picocli.CommandLine.Option;

/** {@code coffer backup list}: newest first. */
@Command(name = "list", description = "List backups, newest first.")
final class BackupList extends AnywhereCommand {

  @Option(names = "--node", paramLabel = "NODE",
      description = "Only backups of this node (id or name).")
  String node;

  @Option(names = "--database", paramLabel = "DATABASE", description = "Backups that include this database.")
  String database;

  @Option(names = "--definition", paramLabel = "ID",
      description = "Only backups of this definition.")
  String definition;

  @Option(names = "--status", paramLabel = "STATUS", description = "RUNNING, SUCCEEDED, FAILED or ABORTED.")
  String status;

  @Option(names = "--since", paramLabel = "TIME", description = "Started at or after: 2026-11-01, 2026-11-01T02:00 or an instant.")
  String since;

  @Option(names = "--running", description = "Only backups running now, with their live progress.")
  boolean running;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N backups (default ${DEFAULT-VALUE}).")
  int limit;

  @Override
  protected int run(Operations operations) {
    if (running) {
      Rows rows = new Rows("BACKUP", "JOB", "NODE", "AGENT", "PHASE", "PROGRESS", "READ", "RATE", "TIME LEFT",
          "READING").alignRight(0, 1, 5);
      for (Job job : operations.runningBackups()) {
        JobProgress p = job.progress();
        rows.add(job.subject().backupId(), job.id(), job.subject().node(), job.claimedBy(), p.phase(),
            JobText.percent(p), JobText.read(p), JobText.rate(p), JobText.eta(p), p.current());
      }
      print(rows, "No backup is running.");
      return 0;
    }
    BackupFilter filter = BackupFilter.newest().limit(limit).node(node).database(database)
        .status(status == null ? null : BackupStatus.parse(status)).since(since == null ? null : TypedTimes.parse("since", since));
    if (definition != null) {
      filter = filter.definition(Ids.parse("definition", definition));
    }
    print(BackupRows.of(operations.backups(filter)), "No backups.");
    return 0;
  }
}
