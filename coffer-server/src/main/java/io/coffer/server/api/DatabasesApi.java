package io.coffer.server.api;

import static io.coffer.server.ApiServer.BASE;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.catalog.access.Role;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.DefinitionFilter;
import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.volume.RegisteredVolume;
import io.coffer.engine.Coffer;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.job.QueuedBackup;
import io.coffer.engine.node.NodeService.KnownDatabase;
import io.coffer.server.http.ApiException;
import io.coffer.server.http.JsonBody;
import io.coffer.server.http.QueryParams;
import io.coffer.server.http.Routes;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Seed 004's flow, so that its users feel at home: databases known through nodes ({@code id} is
 * {@code node:database}), their volumes and backups, and a backup started with a volume, a level
 * and an expiry, watched through {@code progress} and stopped with {@code abort}. A started backup
 * is a job that an agent carries out; the answer is {@code 202} with the job's {@code Location}.
 */
final class DatabasesApi {

  private DatabasesApi() {}

  static void declare(Routes routes, Coffer coffer, ObjectMapper json) {
    routes.get(BASE + "/databases", Role.VIEWER, "Databases known through nodes: id (node:database), name, node,"
        + " engine, version.").handle(ctx -> ctx.json(coffer.nodes().knownDatabases()));
    routes.get(BASE + "/databases/{id}/volumes", Role.VIEWER,
            "The volumes that hold backups of the database or that its definitions write to.")
        .handle(ctx -> ctx.json(volumes(coffer, database(ctx, coffer))));
    routes.get(BASE + "/databases/{id}/backups", Role.VIEWER, "The database's backups, newest first.")
        .query("limit", "integer", "at most this many (1-100000, default 100)")
        .handle(ctx -> {
          KnownDatabase db = database(ctx, coffer);
          ctx.json(coffer.backups().list(BackupFilter.newest().node(db.node()).database(db.name())
              .limit(QueryParams.limit(ctx, BackupFilter.DEFAULT_LIMIT, BackupFilter.MAX_LIMIT))));
        });
    routes.put(BASE + "/databases/{id}/backups/start", Role.OPERATOR,
            "Start a backup of the database: an agent carries it out; Location names its job.")
        .body("backupVolumeId", "integer", false, "the id of the volume to write to")
        .body("backupVolumeName", "string", false, "the name of the volume to write to (instead of the id)")
        .body("level", "integer", false, "0 (full, the default) to 9 (incremental on the newest lower level)")
        .body("expire", "string", false, "how long the backup is kept, e.g. \"1w 3d\"")
        .success(202)
        .handle(ctx -> {
          KnownDatabase db = database(ctx, coffer);
          JsonBody body = JsonBody.of(ctx, json);
          if (body.has("backupVolumeId") && body.has("backupVolumeName")) {
            throw new ApiException(400, "backupVolumeId and backupVolumeName given together; accepted: one of them",
                "backupVolumeName");
          }
          BackupOrder order = BackupOrder.byHand(db.node(), db.name()).level(body.integer("level", 0, 9).orElse(0));
          body.integer("backupVolumeId", 1, Integer.MAX_VALUE).map(String::valueOf)
              .or(() -> body.string("backupVolumeName")).ifPresent(order::volume);
          Optional<String> expire = body.string("expire");
          if (expire.isPresent()) {
            order.expire(Expire.parse(expire.get()));
          }
          Job job = coffer.jobs().queueBackup(order);
          JobsApi.accepted(ctx, job);
        });
    routes.put(BASE + "/databases/{id}/backups/abort", Role.OPERATOR,
            "Abort the database's queued or running backup: its volume keeps nothing of it.")
        .handle(ctx -> {
          KnownDatabase db = database(ctx, coffer);
          Job job = coffer.jobs().latestBackup(db.node(), db.name())
              .filter(j -> j.state() == JobState.QUEUED || j.state() == JobState.RUNNING)
              .orElseThrow(() -> new ApiException(409, "no backup of " + db.id() + " is queued or running", "id"));
          ctx.json(coffer.jobs().abort(job.id()));
        });
    routes.get(BASE + "/databases/{id}/backups/progress", Role.VIEWER,
            "The progress of the database's newest backup: {progress 0-100, comment, level, name, volume}.")
        .handle(ctx -> {
          KnownDatabase db = database(ctx, coffer);
          Job job = coffer.jobs().latestBackup(db.node(), db.name()).orElseThrow(() -> new ApiException(404,
              "no backup of " + db.id() + " was made by a job; start one with PUT .../backups/start", "id"));
          ctx.json(progress(coffer, job));
        });
  }

  private static KnownDatabase database(Context ctx, Coffer coffer) {
    try {
      return coffer.nodes().knownDatabase(ctx.pathParam("id"));
    } catch (io.coffer.catalog.CatalogValidationException e) {
      throw new ApiException(e instanceof io.coffer.catalog.UnknownReferenceException ? 404 : 400, e.getMessage(),
          "id");
    }
  }

  private static Set<RegisteredVolume> volumes(Coffer coffer, KnownDatabase db) {
    Set<String> names = new LinkedHashSet<>();
    for (Backup b : coffer.backups().list(BackupFilter.newest().node(db.node()).database(db.name()).limit(1000))) {
      names.add(b.volume());
    }
    for (Definition d : coffer.definitions().list(new DefinitionFilter(db.node(), null, null, null))) {
      if (d.databases().matches(db.name())) {
        names.add(d.volume());
      }
    }
    Set<RegisteredVolume> volumes = new LinkedHashSet<>();
    names.forEach(name -> volumes.add(coffer.volumes().show(name)));
    return volumes;
  }

  /** Seed 004's answer, with the job's state and id beside it. */
  static Map<String, Object> progress(Coffer coffer, Job job) {
    Optional<QueuedBackup> order = coffer.jobs().queuedOrder(job);
    Optional<Backup> backup = Optional.ofNullable(job.subject().backupId()).map(coffer.backups()::show);
    int percent = switch (job.state()) {
      case SUCCEEDED -> 100;
      case QUEUED -> 0;
      default -> (int) Math.floor(Math.max(0, Math.min(100, job.progress().percent())));
    };
    String comment = switch (job.state()) {
      case QUEUED -> "Backup is queued";
      case RUNNING -> job.progress().phase().isEmpty() ? "Backup is active" : job.progress().phase();
      case SUCCEEDED -> "Backup finished";
      default -> "Backup " + job.state() + (job.error().isEmpty() ? "" : ": " + job.error());
    };
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("progress", percent);
    body.put("comment", comment);
    body.put("level", backup.map(Backup::level).orElse(order.map(QueuedBackup::level).orElse(null)));
    body.put("name", backup.map(b -> "backup " + b.id()).orElse(null));
    body.put("volume", backup.map(Backup::volume).orElse(order.map(QueuedBackup::volume).orElse(null)));
    body.put("state", job.state());
    body.put("job", job.id());
    return body;
  }
}
