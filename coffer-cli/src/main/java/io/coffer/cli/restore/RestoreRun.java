package io.coffer.cli.restore;

import io.coffer.cli.definition.Ids;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import io.coffer.engine.restore.RestoreOrder;
import io.coffer.engine.restore.RestoreOutcome;
import io.coffer.source.RestorePlan;
import io.coffer.source.SourceListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code coffer restore run BACKUP_ID --target-node N …}: prints the plan first; {@code --dry-run}
 * stops there. An existing target database is refused unless told what to do with it.
 */
@Command(name = "run", description = {"Restore a backup. The plan is printed first; --dry-run stops there.",
    "An existing target database is refused unless --rename-existing or --drop-existing is given."})
final class RestoreRun extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "BACKUP_ID", description = "Id of the backup.")
  String backup;

  @Option(names = "--target-node", paramLabel = "NODE", description = "Node to restore to.")
  String targetNode;

  @Option(names = "--target-database", paramLabel = "NAME",
      description = "Name of the restored database (sqlite: a file in the node's directory). Default: as backed up.")
  String targetDatabase;

  @Option(names = "--as-timestamped",
      description = "Restore each database as <name>_<backup time, YYYYMMDDTHHMMSS> instead of its own name.")
  boolean timestamped;

  @Option(names = "--keep-failed", description = "Leave what a failed restore created, for inspection; by default it is removed.")
  boolean keepFailed;

  @ArgGroup(exclusive = true)
  Existing existing = new Existing();

  /** What to do with an existing target database; at most one. */
  static final class Existing {
    @Option(names = "--rename-existing", description = "Rename an existing target to <name>_<YYYYMMDDTHHMMSS> first.")
    boolean rename;

    @Option(names = "--drop-existing", description = "Drop an existing target first.")
    boolean drop;
  }

  @Option(names = "--roles", paramLabel = "reuse|fail", description = "Existing roles: reuse them (default) or refuse.")
  String roles;

  @Option(names = "--jobs", paramLabel = "N", description = "Parallel jobs loading data.")
  int jobs;

  @Option(names = "--dry-run", description = "Print the plan; change nothing.")
  boolean dryRun;

  @Option(names = "--yes", description = "Do not ask for confirmation before dropping an existing database.")
  boolean yes;

  @Override
  protected List<Question> questions() {
    return List.of(
        Question.required("Backup id", "#0", () -> backup, v -> backup = v),
        Question.required("Target node id / name", "--target-node", () -> targetNode, v -> targetNode = v),
        Question.optional("Target database", "--target-database", () -> targetDatabase, v -> targetDatabase = v, ""));
  }

  @Override
  protected String confirmation() {
    return existing.drop && !dryRun ? "Are you sure you want to drop the existing target database if there is one?" : null;
  }

  @Override
  protected boolean assumeYes() {
    return yes;
  }

  @Override
  protected int run(Coffer coffer) {
    if (timestamped && targetDatabase != null && !targetDatabase.isBlank()) {
      throw new io.coffer.catalog.CatalogValidationException("as-timestamped", targetDatabase,
          "give either --target-database or --as-timestamped, not both");
    }
    RestoreOrder order = RestoreOrder.of(Ids.parse("backup", backup), targetNode).targetDatabase(targetDatabase)
        .jobs(jobs);
    if (timestamped) {
      order.timestamped();
    }
    if (keepFailed) {
      order.keepFailed();
    }
    if (existing.rename) {
      order.renameExisting();
    }
    if (existing.drop) {
      order.dropExisting();
    }
    if (roles != null && !roles.isBlank()) {
      if (roles.strip().equalsIgnoreCase("fail")) {
        order.failOnExistingRoles();
      } else if (!roles.strip().equalsIgnoreCase("reuse")) {
        throw new io.coffer.catalog.CatalogValidationException("roles", roles, "reuse or fail");
      }
    }
    if (dryRun) {
      order.dryRun();
    }
    RestoreOutcome outcome = coffer.restores().run(order, new SourceListener() {
      @Override
      public void planned(RestorePlan plan) {
        if (!machineReadable()) {
          out().print(plan.render());
          out().flush();
        }
      }

      @Override
      public void warn(String message) {
        err().println("coffer: warning: " + message);
        err().flush();
      }
    }, progress());
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
          + targetNode + ": " + String.join(", ", outcome.report().map(r -> r.databases()).orElse(List.of())) + ".");
    }
    return 0;
  }
}
