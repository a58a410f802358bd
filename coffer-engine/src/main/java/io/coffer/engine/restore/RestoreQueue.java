package io.coffer.engine.restore;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobType;
import io.coffer.catalog.job.NewJob;
import io.coffer.catalog.restore.FilesTarget;
import io.coffer.catalog.restore.NewRestoreDefinition;
import io.coffer.catalog.restore.RestoreDefinition;
import io.coffer.catalog.restore.RestoreOption;
import io.coffer.catalog.restore.RestoreRefusal;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.job.QueueSignal;
import io.coffer.model.ExistingPolicy;
import io.coffer.model.Kind;
import io.coffer.repo.ProgressListener;
import io.coffer.source.RestorePlan;
import io.coffer.source.SourceListener;
import java.time.Clock;
import java.util.Locale;

/**
 * Restores asked for through an interface that does not wait for them (the API, the console): the
 * plan first, exactly as {@code restore run --dry-run} shows it (what will be created, renamed,
 * dropped), then, once confirmed, a scheduled restore due now with its job queued for an agent, which
 * carries it out as any scheduled restore.
 */
public final class RestoreQueue {

  /** What a restore asked for would do, and what it asks for. */
  public record Request(long backupId, String targetNode, String targetDatabase, ExistingPolicy existing,
      FilesTarget files) {

    public Request {
      targetDatabase = targetDatabase == null || targetDatabase.isBlank() ? null : targetDatabase.strip();
      existing = existing == null ? ExistingPolicy.REFUSE : existing;
      files = files == null ? FilesTarget.NONE : files;
    }

    RestoreOrder order() {
      RestoreOrder order = RestoreOrder.of(backupId, targetNode).targetDatabase(targetDatabase).files(files);
      return switch (existing) {
        case RENAME -> order.renameExisting();
        case DROP -> order.dropExisting();
        case REFUSE -> order;
      };
    }
  }

  /** A restore queued: its scheduled restore, the job an agent claims, and the plan it was queued with. */
  public record Queued(RestoreDefinition restore, Job job, RestorePlan plan) {}

  private final CatalogLink link;
  private final RestoreService restores;
  private final Clock clock;
  private final QueueSignal queued;

  /** {@code queued} is told of each restore queued here, for an agent of this process. */
  public RestoreQueue(CatalogLink link, RestoreService restores, Clock clock, QueueSignal queued) {
    this.link = link;
    this.restores = restores;
    this.clock = clock;
    this.queued = queued;
  }

  /**
   * The plan of a restore that {@code agent} (the backup's own when null) would carry out, changing
   * nothing; bad input and a target in the way are refused as a run would be. A directory is in the
   * way only as the agent's host sees it: planned on another host, the directories are left to the
   * agent ({@link DirectoryChecks}), and the plan says so.
   */
  public RestorePlan plan(Request asked, String agent) {
    Catalog catalog = link.required();
    Request request = withTargetNode(catalog, asked);
    boolean databaseOptions = request.targetDatabase() != null || request.existing() != ExistingPolicy.REFUSE;
    if (databaseOptions || !request.files().isDefault()) {
      // Before the plan, which would ignore the options of the other kind or refuse naming something else.
      Kind kind = catalog.backups().show(request.backupId()).kind();
      request.files().requireTreeBackup(request.backupId(), kind);
      if (kind.copiesWholeNode()) {
        refuseDatabaseOptions(request, kind);
      }
    }
    RestoreOrder order = request.order().dryRun();
    RestoreService.filesBackup(catalog, request.backupId()).ifPresent(backup -> {
      String runner = runner(agent, backup);
      order.directoriesCheckedBy(runner == null ? DirectoryChecks.noAgent(backup.id())
          : DirectoryChecks.byAgent(runner, catalog.agents().hostIdentity(runner)));
    });
    return restores.run(order, SourceListener.NONE, ProgressListener.NONE).plan();
  }

  /**
   * A FILES or PHYSICAL backup restores to its own node unless another is named, as {@code restore
   * run} here does; a logical one names its target node (the plan refuses it without one).
   */
  private static Request withTargetNode(Catalog catalog, Request request) {
    if (request.targetNode() != null) {
      return request;
    }
    Backup backup = catalog.backups().show(request.backupId());
    return backup.kind().copiesWholeNode() ? new Request(request.backupId(), backup.node(), request.targetDatabase(),
        request.existing(), request.files()) : request;
  }

  /** A FILES or PHYSICAL backup restores into a directory: a database's name or policy would be silently ignored. */
  private static void refuseDatabaseOptions(Request request, Kind kind) {
    String why = "backup " + request.backupId() + " is a " + kind + " backup of a directory";
    String into = "a " + kind + " backup restores into a directory (" + RestoreOption.TARGET_DIRECTORY + ")";
    if (request.targetDatabase() != null) {
      throw new RestoreRefusal(RestoreOption.TARGET_DATABASE, request.targetDatabase(), why, "none: " + into);
    }
    if (request.existing() != ExistingPolicy.REFUSE) {
      throw new RestoreRefusal(RestoreOption.EXISTING, request.existing().name().toLowerCase(Locale.ROOT), why,
          "refuse (the default): " + into + (kind == Kind.FILES ? ", a non-empty one only with " + RestoreOption.FORCE
              : ", a new or empty one"));
    }
  }

  /**
   * Plans the restore (refusing what a run would refuse), then queues it for {@code agent} — the
   * backup's own agent when null — as a scheduled restore due now.
   */
  public Queued queue(Request asked, String agent) {
    RestorePlan plan = plan(asked, agent);
    Catalog catalog = link.required();
    Request request = withTargetNode(catalog, asked);
    String runner = runner(agent, catalog.backups().show(request.backupId()));
    if (runner == null) {
      throw new CatalogValidationException("agent", "(none)", "the agent to carry out the restore;"
          + " backup " + request.backupId() + " names none");
    }
    NewRestoreDefinition definition = NewRestoreDefinition.of(request.backupId(), runner, request.targetNode())
        .existing(request.existing()).files(request.files()).runAt(clock.instant());
    if (request.targetDatabase() != null) {
      definition.targetDatabase(request.targetDatabase());
    }
    RestoreDefinition added = catalog.restoreDefinitions().add(definition);
    Job job = catalog.jobs().enqueueOnce(NewJob.of(JobType.RESTORE).agent(runner).restoreDefinition(added.id())
            .node(request.targetNode()).scheduleKey("scheduled restore " + added.id()))
        .orElseGet(() -> catalog.jobs().list(null, 100).stream()
            .filter(j -> Long.valueOf(added.id()).equals(j.subject().restoreDefinitionId())).findFirst().orElseThrow());
    queued.queued();
    return new Queued(added, job, plan);
  }

  /** The agent that carries a restore of {@code backup} out: the one asked for, else the backup's (null: none). */
  private static String runner(String agent, Backup backup) {
    return agent != null ? agent : backup.agent();
  }
}
