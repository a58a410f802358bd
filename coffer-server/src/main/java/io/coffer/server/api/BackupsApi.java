package io.coffer.server.api;

import static io.coffer.server.ApiServer.BASE;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.catalog.Enums;
import io.coffer.catalog.access.Role;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.retention.Expire;
import io.coffer.engine.Coffer;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.backup.BackupService;
import io.coffer.engine.job.JobService;
import io.coffer.server.http.ApiException;
import io.coffer.server.http.JsonBody;
import io.coffer.server.http.QueryParams;
import io.coffer.server.http.Routes;
import java.util.LinkedHashMap;
import java.util.Map;

/** Backups: list with filters, show one, what it holds; start one (a job), abort one, delete one. */
final class BackupsApi {

  private BackupsApi() {}

  static void declare(Routes routes, Coffer coffer, ObjectMapper json) {
    routes.get(BASE + "/backups", Role.VIEWER, "List backups, newest first.")
        .query("node", "string", "only those of this node (id or name)")
        .query("database", "string", "only those holding this database")
        .query("definition", "integer", "only those of this definition")
        .query("status", "string", "RUNNING, SUCCEEDED, FAILED or ABORTED")
        .query("since", "string", "only those started at or after this instant (ISO-8601 UTC, e.g. 2026-12-01T00:00:00Z)")
        .query("limit", "integer", "at most this many (1-100000, default 100)")
        .handle(ctx -> {
          BackupFilter filter = BackupFilter.newest().limit(QueryParams.limit(ctx, BackupFilter.DEFAULT_LIMIT,
              BackupFilter.MAX_LIMIT));
          filter = filter.node(ctx.queryParam("node")).database(ctx.queryParam("database"))
              .status(QueryParams.string(ctx, "status").map(BackupStatus::parse).orElse(null))
              .since(QueryParams.instant(ctx, "since").orElse(null));
          if (QueryParams.integer(ctx, "definition", 1, Integer.MAX_VALUE).isPresent()) {
            filter = filter.definition(QueryParams.integer(ctx, "definition", 1, Integer.MAX_VALUE).get());
          }
          ctx.json(coffer.backups().list(filter));
        });
    routes.post(BASE + "/backups", Role.OPERATOR, "Start a backup of a node's databases: an agent carries it out;"
            + " Location names its job.")
        .body("node", "string", true, "the node (id or name)")
        .body("databases", "string", false, "a name, a comma-separated list, a pattern or #all_databases#; left out"
            + " for PHYSICAL and FILES, which copy the node's whole data directory")
        .body("kind", "string", false, "CLUSTER, FULL, SCHEMA, DATA, PHYSICAL or FILES (default: the node's)")
        .body("level", "integer", false, "0 (full, the default) to 9")
        .body("expire", "string", false, "how long the backup is kept, e.g. \"1w 3d\"")
        .body("volume", "string", false, "the volume (id or name; default: the configured one)")
        .success(202)
        .handle(ctx -> {
          JsonBody body = JsonBody.of(ctx, json);
          BackupOrder order = BackupOrder.byHand(body.requiredString("node"), body.string("databases").orElse(null))
              .level(body.integer("level", 0, 9).orElse(0));
          body.string("kind").map(Enums::kind).ifPresent(order::kind);
          body.string("expire").map(Expire::parse).ifPresent(order::expire);
          body.string("volume").ifPresent(order::volume);
          JobsApi.accepted(ctx, coffer.jobs().queueBackup(order));
        });
    routes.post(BASE + "/definitions/{id}/run", Role.OPERATOR, "Run a definition now: its agent carries it out;"
            + " Location names the job.")
        .success(202)
        .handle(ctx -> JobsApi.accepted(ctx, coffer.jobs().queueBackup(BackupOrder.ofDefinition(
            QueryParams.id(ctx, "id")))));
    routes.post(BASE + "/backups/{id}/verify", Role.OPERATOR, "Verify a backup: its agent restores it into scratch"
            + " databases and compares them with what it recorded; Location names the job.")
        .body("node", "string", false, "restore on this node (id or name) instead of the backup's own")
        .body("jobs", "integer", false, "parallel jobs loading data, 0 to " + JobService.MAX_VERIFY_JOBS
            + " (0, the default: the configured number)")
        .success(202)
        .handle(ctx -> {
          JsonBody body = JsonBody.of(ctx, json);
          JobsApi.accepted(ctx, coffer.jobs().queueVerification(QueryParams.id(ctx, "id"),
              body.string("node").orElse(null), body.integer("jobs", 0, JobService.MAX_VERIFY_JOBS).orElse(0)));
        });
    routes.post(BASE + "/backups/{id}/abort", Role.OPERATOR, "Abort the job making this backup.")
        .handle(ctx -> ctx.json(coffer.jobs().abortBackup(QueryParams.id(ctx, "id"))));
    routes.delete(BASE + "/backups/{id}", Role.ADMIN, "Delete a backup from the catalog and its volume (refused while"
            + " incremental backups build on it); its data goes at the next prune.")
        .handle(ctx -> ctx.json(coffer.backups().delete(QueryParams.id(ctx, "id"))));
    routes.get(BASE + "/backups/{id}", Role.VIEWER, "Show a backup.")
        .handle(ctx -> ctx.json(coffer.backups().show(QueryParams.id(ctx, "id"))));
    routes.get(BASE + "/backups/{id}/verification", Role.VIEWER,
            "The backup's newest verification: its status, what it checked and the differences it found;"
            + " 404 when it was never verified.")
        .handle(ctx -> {
          long id = QueryParams.id(ctx, "id");
          coffer.backups().show(id); // an unknown backup is a 404 naming it
          ctx.json(coffer.verifications().latest(id).orElseThrow(() -> new ApiException(404,
              "backup " + id + " was never verified (POST /api/v1/backups/" + id + "/verify)", "id")));
        });
    routes.get(BASE + "/backups/{id}/contents", Role.VIEWER,
            "What a backup holds: every stream with its size, and the tables with row counts and checksums.")
        .handle(ctx -> {
          BackupService.Contents contents = coffer.backups().contents(QueryParams.id(ctx, "id"));
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("backup", contents.backup());
          body.put("streams", contents.manifest().entries());
          body.put("report", contents.report().orElse(null));
          ctx.json(body);
        });
  }
}
