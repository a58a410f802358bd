package io.coffer.cli.restore;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.catalog.restore.FilesTarget;
import io.coffer.cli.ExitCode;
import io.coffer.cli.job.JobText;
import io.coffer.cli.remote.JobFollower;
import io.coffer.cli.remote.Remote;
import io.coffer.cli.remote.RemoteOperations;
import io.coffer.cli.remote.RemoteServer;
import io.coffer.cli.definition.Ids;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import io.coffer.engine.restore.RestoreOrder;
import io.coffer.engine.restore.RestoreOutcome;
import io.coffer.source.RestorePlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code coffer restore run BACKUP_ID --target-node N …}: prints the plan first; {@code --dry-run}
 * stops there. An existing target database is refused unless told what to do with it.
 */
@Command(name = "run",
    // Written out because picocli shows --target-node as optional: the shell asks for it when it
    // is missing, so it cannot be required while parsing, but it is required.
    customSynopsis = {"coffer restore run BACKUP_ID --target-node=NODE",
        "    [--target-database=NAME | --as-timestamped] [--rename-existing | --drop-existing]",
        "    [--terminate-connections] [--roles=reuse|fail] [--jobs=N] [--keep-failed] [--dry-run] [--yes]",
        "    [--json | --csv] [-h]",
        "coffer restore run BACKUP_ID [--target-dir=DIR] [--path=PATH] [--force] [--start-command=COMMAND]",
        "    [--allow-external-symlinks] [--target-node=NODE] [--dry-run] [--json]      (FILES backups)",
        "coffer restore run BACKUP_ID [--target-dir=DIR] [--tablespace-map=NAME=DIR]... [--target-node=NODE]",
        "    [--dry-run] [--json]                                                       (PHYSICAL backups)",
        "coffer --server URL … restore run BACKUP_ID … [--agent=AGENT]      (through a server)"},
    description = {"Restore a backup. The plan is printed first; --dry-run stops there.",
        "An existing target database is refused unless --rename-existing or --drop-existing is given,"
            + " and one that sessions are connected to unless --terminate-connections is given too.",
        "A FILES backup restores into a directory: new or empty unless --force, with enough free space."})
final class RestoreRun extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "BACKUP_ID", description = "Id of the backup.")
  String backup;

  @Mixin RestoreCommandOptions options;

  @Option(names = "--dry-run", description = "Print the plan; change nothing.")
  boolean dryRun;

  @Option(names = "--yes", description = "In the shell, do not ask, after the plan, before dropping an existing database.")
  boolean yes;

  @Option(names = "--agent", paramLabel = "AGENT",
      description = "Through a server: the agent to carry the restore out, whose host's directories the plan counts."
          + " Default: the backup's.")
  String agent;

  @Override
  protected List<Question> questions() {
    return List.of(
        Question.required("Backup id", "#0", () -> backup, v -> backup = v),
        Question.optional("Target node id / name (empty for a FILES backup: its node)", "--target-node",
            () -> options.targetNode, v -> options.targetNode = v, ""),
        Question.optional("Target database", "--target-database", () -> options.targetDatabase,
            v -> options.targetDatabase = v, ""));
  }

  /**
   * Nothing is asked before the plan is known: with {@code --drop-existing} in the shell, {@link
   * #run} shows the plan first and asks about the databases it would really drop (none, often).
   */
  @Override
  protected String confirmation() {
    return null;
  }

  @Override
  protected boolean assumeYes() {
    return yes;
  }

  /**
   * Against a server: the plan printed as here (all of it with --dry-run), then the restore queued
   * for an agent and followed to its end.
   */
  @Override
  protected int runRemote(RemoteServer server) {
    long backupId = Ids.parse("backup", backup);
    options.refuseWhatAServerCannotCarry();
    FilesTarget files = options.files();
    Map<String, Object> body = Remote.body("backup", backupId, "targetNode", options.targetNode, "targetDatabase",
        options.targetDatabase, "existing", options.existing.drop ? "drop" : options.existing.rename ? "rename" : null,
        "targetDirectory", files.directory(), "path", files.path(), "force", files.force() ? true : null,
        "allowExternalSymlinks", files.externalSymlinks() ? true : null,
        "tablespaceMap", files.tablespaces().isEmpty() ? null : files.tablespaces().entries(), "agent", agent);
    // The plan is made for the agent that writes: on another host, it checks the directories itself.
    // A restore is queued with the plan it was made with, which the answer carries: one planning, not two.
    JsonNode queued = dryRun ? null : server.post("/api/v1/restores", body);
    RestorePlan plan = RemoteServer.read(dryRun ? server.post("/api/v1/restores/plan", body) : queued.path("plan"),
        RestorePlan.class);
    if (!machineReadable()) {
      new PlanPrinter(out(), err(), true).planned(plan);
    }
    Long restore = null;
    Job job = null;
    if (!dryRun) {
      restore = queued.path("restore").path("id").asLong();
      job = JobFollower.follow(new RemoteOperations(server), RemoteServer.read(queued.path("job"), Job.class),
          progress(), err());
    }
    List<String> databases = plan.databases().stream().map(RestorePlan.DatabaseStep::target).toList();
    if (json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("dry-run", dryRun);
      result.put("plan", plan.render());
      result.put("restore", restore);
      result.put("databases", job == null ? List.of() : databases);
      result.put("job", job);
      printJson(RemoteServer.tree(result));
    } else if (dryRun) {
      say("Dry run: nothing was changed.");
    } else if (job.state() == JobState.SUCCEEDED) {
      say("[Done] restore " + restore + " of backup " + backup + " to node " + plan.target() + ": "
          + String.join(", ", databases) + ".");
    } else {
      print(JobText.details(job));
    }
    return job == null || job.state() == JobState.SUCCEEDED ? ExitCode.OK : ExitCode.FAILURE;
  }

  @Override
  protected boolean derivesAKey() {
    return true;
  }

  @Override
  protected int run(Coffer coffer) {
    long backupId = Ids.parse("backup", backup);
    if (agent != null) {
      // Here the restore runs in this process; only a server hands it to an agent.
      throw new CatalogValidationException("agent", agent,
          "restore run carries the restore out here, in this process", "--agent only with --server");
    }
    boolean planShown = false;
    if (options.dropsExisting() && !dryRun && !yes && canAsk()) {
      RestoreOrder preview = options.order(backupId);
      preview.dryRun();
      RestorePlan plan = coffer.restores().run(preview, new PlanPrinter(out(), err(), true), progress()).plan();
      planShown = true;
      List<String> dropped = plan.databases().stream().filter(d -> d.existing() == RestorePlan.Existing.DROP)
          .map(RestorePlan.DatabaseStep::target).toList();
      if (!dropped.isEmpty() && !confirmedWhileRunning("Drop " + String.join(", ", dropped) + " on "
          + plan.target() + "?")) {
        say("Cancelled; nothing was changed.");
        return 0;
      }
    }
    RestoreOrder order = options.order(backupId);
    if (dryRun) {
      order.dryRun();
    }
    RestoreOutcome outcome = coffer.restores().run(order,
        new PlanPrinter(out(), err(), !machineReadable() && !planShown), progress());
    if (json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("dry-run", dryRun);
      result.put("plan", outcome.plan().render());
      result.put("restore", outcome.recorded().map(r -> r.id()).orElse(null));
      result.put("databases", outcome.report().map(r -> r.databases()).orElse(List.of()));
      printJson(result);
    } else if (dryRun) {
      say("Dry run: nothing was changed.");
    } else {
      say("[Done] restore " + outcome.recorded().map(r -> r.id()).orElse(0L) + " of backup " + backup + " to node "
          + outcome.plan().target() + ": " + String.join(", ", outcome.report().map(r -> r.databases()).orElse(List.of()))
          + ".");
    }
    return 0;
  }
}
