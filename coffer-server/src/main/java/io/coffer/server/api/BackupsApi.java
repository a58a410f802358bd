package io.coffer.server.api;

import static io.coffer.server.ApiServer.BASE;

import io.coffer.catalog.access.Role;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.engine.Coffer;
import io.coffer.engine.backup.BackupService;
import io.coffer.server.http.QueryParams;
import io.coffer.server.http.Routes;
import java.util.LinkedHashMap;
import java.util.Map;

/** Backups: list with filters, show one, what it holds, the job making it. */
final class BackupsApi {

  private BackupsApi() {}

  static void declare(Routes routes, Coffer coffer) {
    routes.get(BASE + "/backups", Role.VIEWER, "List backups, newest first.")
        .query("node", "string", "only those of this node (id or name)")
        .query("database", "string", "only those holding this database")
        .query("definition", "integer", "only those of this definition")
        .query("status", "string", "RUNNING, SUCCEEDED, FAILED or ABORTED")
        .query("limit", "integer", "at most this many (1-100000, default 100)")
        .handle(ctx -> {
          BackupFilter filter = BackupFilter.newest().limit(QueryParams.limit(ctx, BackupFilter.DEFAULT_LIMIT,
              BackupFilter.MAX_LIMIT));
          filter = filter.node(ctx.queryParam("node")).database(ctx.queryParam("database"))
              .status(QueryParams.string(ctx, "status").map(BackupStatus::parse).orElse(null));
          if (QueryParams.integer(ctx, "definition", 1, Integer.MAX_VALUE).isPresent()) {
            filter = filter.definition(QueryParams.integer(ctx, "definition", 1, Integer.MAX_VALUE).get());
          }
          ctx.json(coffer.backups().list(filter));
        });
    routes.get(BASE + "/backups/{id}", Role.VIEWER, "Show a backup.")
        .handle(ctx -> ctx.json(coffer.backups().show(QueryParams.id(ctx, "id"))));
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
