package io.coffer.server.api;

import static io.coffer.server.ApiServer.BASE;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.catalog.access.Role;
import io.coffer.engine.Coffer;
import io.coffer.engine.access.Principal;
import io.coffer.engine.restore.RestoreQueue;
import io.coffer.server.http.JsonBody;
import io.coffer.server.http.Routes;
import java.util.Map;

/**
 * Restores: the plan first (what will be created, renamed, dropped, or which directory is written),
 * then the restore itself as a job an agent carries out. Restoring into a new name or directory is
 * an operator's; renaming or dropping a database that exists, or writing into a non-empty
 * directory, is an admin's. The fields are read by {@link RestoreFields}, as the console's wizard
 * reads them. The plan is made for the agent that will write (the one asked for, else the backup's):
 * on another host than the server's, its directories are left to that agent to check.
 */
final class RestoresApi {

  private static final String AGENT = "agent";

  private RestoresApi() {}

  static void declare(Routes routes, Coffer coffer, ObjectMapper json) {
    routes.post(BASE + "/restores/plan", Role.OPERATOR, "What a restore would do, changing nothing. The"
            + " directories of a FILES or PHYSICAL restore are checked here only when its agent runs on this host.")
        .body(RestoreFields.FIELDS)
        .body(AGENT, "string", false, "the agent that would carry it out (default: the backup's): its host's"
            + " directories are the ones that count")
        .handle(ctx -> {
          JsonBody body = JsonBody.of(ctx, json);
          ctx.json(coffer.restoreQueue().plan(request(body), body.string(AGENT).orElse(null)));
        });
    routes.post(BASE + "/restores", Role.OPERATOR, "Restore a backup: planned now, carried out by an agent;"
            + " Location names its job. Renaming or dropping an existing target, or writing into a non-empty"
            + " directory, needs the admin role.")
        .body(RestoreFields.FIELDS)
        .body(AGENT, "string", false, "the agent to carry it out (default: the backup's)")
        .success(202)
        .handle(ctx -> {
          JsonBody body = JsonBody.of(ctx, json);
          RestoreQueue.Queued queued = coffer.restoreQueue().queue(request(body), body.string(AGENT).orElse(null));
          ctx.status(202).header("Location", BASE + "/jobs/" + queued.job().id())
              .json(Map.of("restore", queued.restore(), "job", queued.job(), "plan", queued.plan()));
        });
  }

  private static RestoreQueue.Request request(JsonBody body) {
    return RestoreFields.of(body, body.context().attribute(Principal.class.getName()));
  }
}
