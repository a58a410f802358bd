package io.coffer.server.api;

import static io.coffer.server.ApiServer.BASE;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.catalog.access.Role;
import io.coffer.engine.Coffer;
import io.coffer.engine.definition.DefinitionService;
import io.coffer.server.http.JsonBody;
import io.coffer.server.http.QueryParams;
import io.coffer.server.http.Routes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adding, changing and removing definitions, and changing nodes: admins only. A new definition goes
 * through the engine's {@link DefinitionService#addChecked}, as {@code definition add} does: a
 * database the node does not have is a 400 listing what it has, and nothing is stored.
 */
final class ChangesApi {

  private ChangesApi() {}

  static void declare(Routes routes, Coffer coffer, ObjectMapper json) {
    routes.post(BASE + "/definitions", Role.ADMIN, "Add a definition. Its databases are checked on its node: a name"
            + " the node does not have is refused listing what it has; the answer says what each pattern matches now,"
            + " or why the node could not be asked.")
        .body(DefinitionRequest.NEW)
        .success(201)
        .handle(ctx -> {
          DefinitionService.Added added = coffer.definitions().addChecked(DefinitionRequest.of(JsonBody.of(ctx, json)));
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put("definition", added.definition());
          answer.put("databaseCheck", added.check());
          ctx.header("Location", BASE + "/definitions/" + added.definition().id());
          ctx.status(201).json(answer);
        });
    routes.patch(BASE + "/definitions/{id}", Role.ADMIN, "Change a definition; the fields left out stay as they are.")
        .body(DefinitionRequest.CHANGE)
        .handle(ctx -> {
          long id = QueryParams.id(ctx, "id");
          ctx.json(coffer.definitions().update(id, DefinitionRequest.change(JsonBody.of(ctx, json))));
        });
    routes.delete(BASE + "/definitions/{id}", Role.ADMIN, "Remove a definition; refused while it has backups unless"
            + " force=true, which forgets them too (their data goes at the next prune).")
        .query("force", "boolean", "true to remove its backups with it (default false)")
        .handle(ctx -> {
          long id = QueryParams.id(ctx, "id");
          ctx.json(coffer.definitions().remove(id, QueryParams.bool(ctx, "force", false)));
        });
    routes.patch(BASE + "/nodes/{node}", Role.ADMIN, "Change a node: host, port, user, credential reference, data"
            + " directory, status (DOWN pauses its definitions), remarks.")
        .body(NodeRequest.CHANGE)
        .handle(ctx -> ctx.json(coffer.nodes().update(ctx.pathParam("node"), NodeRequest.change(JsonBody.of(ctx, json)))));
  }
}
