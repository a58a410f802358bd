package io.coffer.server.api;

import static io.coffer.server.ApiServer.BASE;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.catalog.Enums;
import io.coffer.catalog.access.Role;
import io.coffer.catalog.restore.FilesTarget;
import io.coffer.engine.Coffer;
import io.coffer.engine.access.Principal;
import io.coffer.engine.restore.RestoreQueue;
import io.coffer.model.ExistingPolicy;
import io.coffer.server.http.ApiException;
import io.coffer.server.http.JsonBody;
import io.coffer.server.http.Routes;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Restores: the plan first (what will be created, renamed, dropped), then the restore itself as a
 * job an agent carries out. Restoring into a new name is an operator's; renaming or dropping a
 * database that exists is an admin's.
 */
final class RestoresApi {

  private static final String FILES_DIRECTORY = "FILES/PHYSICAL: an absolute directory on the agent's host"
      + " (default: <data directory>_<backup time> beside the node's)";
  private static final String FILES_PATH = "FILES/PHYSICAL: only this file or directory of the tree";
  private static final String FILES_FORCE = "FILES/PHYSICAL: write into a non-empty directory (admin)";
  private static final String FILES_SYMLINKS = "FILES/PHYSICAL: keep symlinks that point outside the target";

  private RestoresApi() {}

  static void declare(Routes routes, Coffer coffer, ObjectMapper json) {
    routes.post(BASE + "/restores/plan", Role.OPERATOR, "What a restore would do, changing nothing.")
        .body("backup", "integer", true, "the backup to restore")
        .body("targetNode", "string", true, "the node to restore into")
        .body("targetDatabase", "string", false, "the new database's name (default: the backed-up name)")
        .body("existing", "string", false, "refuse (default), rename or drop an existing target")
        .body("targetDirectory", "string", false, FILES_DIRECTORY)
        .body("path", "string", false, FILES_PATH)
        .body("force", "boolean", false, FILES_FORCE)
        .body("allowExternalSymlinks", "boolean", false, FILES_SYMLINKS)
        .handle(ctx -> ctx.json(coffer.restoreQueue().plan(request(ctx, json))));
    routes.post(BASE + "/restores", Role.OPERATOR, "Restore a backup: planned now, carried out by an agent;"
            + " Location names its job. Renaming or dropping an existing target needs the admin role.")
        .body("backup", "integer", true, "the backup to restore")
        .body("targetNode", "string", true, "the node to restore into")
        .body("targetDatabase", "string", false, "the new database's name (default: the backed-up name)")
        .body("existing", "string", false, "refuse (default), rename or drop an existing target")
        .body("targetDirectory", "string", false, FILES_DIRECTORY)
        .body("path", "string", false, FILES_PATH)
        .body("force", "boolean", false, FILES_FORCE)
        .body("allowExternalSymlinks", "boolean", false, FILES_SYMLINKS)
        .body("agent", "string", false, "the agent to carry it out (default: the backup's)")
        .success(202)
        .handle(ctx -> {
          JsonBody body = JsonBody.of(ctx, json);
          RestoreQueue.Request request = request(body);
          RestoreQueue.Queued queued = coffer.restoreQueue().queue(request, body.string("agent").orElse(null));
          ctx.status(202).header("Location", BASE + "/jobs/" + queued.job().id())
              .json(Map.of("restore", queued.restore(), "job", queued.job()));
        });
  }

  private static RestoreQueue.Request request(Context ctx, ObjectMapper json) {
    return request(JsonBody.of(ctx, json));
  }

  private static RestoreQueue.Request request(JsonBody body) {
    int backup = body.integer("backup", 1, Integer.MAX_VALUE).orElseThrow(() -> new ApiException(400,
        "field \"backup\" is missing; accepted: the id of a backup", "backup"));
    ExistingPolicy existing = body.string("existing").map(p -> Enums.parse(ExistingPolicy.class, ExistingPolicy.FIELD, p)).orElse(ExistingPolicy.REFUSE);
    requireRoleFor(body.context(), existing);
    FilesTarget files = new FilesTarget(body.string("targetDirectory").orElse(null), body.string("path").orElse(null),
        body.bool("force").orElse(false), body.bool("allowExternalSymlinks").orElse(false));
    if (files.force()) {
      requireAdmin(body.context(), "force", "restore into a non-empty directory (force)");
    }
    return new RestoreQueue.Request(backup, body.requiredString("targetNode"), body.string("targetDatabase")
        .orElse(null), existing, files);
  }

  /** Renaming or dropping what exists is an admin's: an operator restores into new names only. */
  static void requireRoleFor(Context ctx, ExistingPolicy existing) {
    if (existing != ExistingPolicy.REFUSE) {
      requireAdmin(ctx, "existing", "restore with existing " + existing.name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** Replacing what is there (a database, a directory's files) is an admin's. */
  private static void requireAdmin(Context ctx, String field, String what) {
    Principal principal = ctx.attribute(Principal.class.getName());
    if (!principal.may(Role.ADMIN)) {
      throw new ApiException(403, "user " + principal.user() + " (" + principal.role() + ") may not " + what
          + "; it needs the role admin", field);
    }
  }
}
