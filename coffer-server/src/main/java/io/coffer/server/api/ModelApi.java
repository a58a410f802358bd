package io.coffer.server.api;

import static io.coffer.server.ApiServer.BASE;

import io.coffer.catalog.access.Role;
import io.coffer.catalog.backup.StatsScope;
import io.coffer.catalog.definition.DefinitionFilter;
import io.coffer.catalog.definition.DefinitionStatus;
import io.coffer.engine.Coffer;
import io.coffer.server.http.QueryParams;
import io.coffer.server.http.Routes;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** What the catalog knows, read-only: agents, nodes and their databases, volumes, definitions, one-offs, history, stats. */
final class ModelApi {

  private ModelApi() {}

  static void declare(Routes routes, Coffer coffer) {
    routes.get(BASE + "/agents", Role.VIEWER, "List agents.").handle(ctx -> ctx.json(coffer.agents().list()));
    routes.get(BASE + "/agents/{agent}", Role.VIEWER, "Show an agent by id or name.")
        .handle(ctx -> ctx.json(coffer.agents().show(ctx.pathParam("agent"))));
    routes.get(BASE + "/nodes", Role.VIEWER, "List nodes.").handle(ctx -> ctx.json(coffer.nodes().list()));
    routes.get(BASE + "/nodes/{node}", Role.VIEWER, "Show a node by id or name.")
        .handle(ctx -> ctx.json(coffer.nodes().show(ctx.pathParam("node"))));
    routes.get(BASE + "/nodes/{node}/databases", Role.VIEWER,
            "The node's databases as its server lists them, each flagged when a definition covers it.")
        .handle(ctx -> ctx.json(coffer.nodes().databases(ctx.pathParam("node"))));
    routes.get(BASE + "/volumes", Role.VIEWER, "List volumes.").handle(ctx -> ctx.json(coffer.volumes().list()));
    routes.get(BASE + "/volumes/{volume}", Role.VIEWER, "Show a volume by id or name.")
        .handle(ctx -> ctx.json(coffer.volumes().show(ctx.pathParam("volume"))));
    routes.get(BASE + "/definitions", Role.VIEWER, "List definitions.")
        .query("node", "string", "only those of this node (id or name)")
        .query("agent", "string", "only those of this agent")
        .query("volume", "string", "only those writing to this volume")
        .query("status", "string", "ACTIVE or STOPPED")
        .handle(ctx -> ctx.json(coffer.definitions().list(new DefinitionFilter(ctx.queryParam("node"),
            ctx.queryParam("agent"), ctx.queryParam("volume"),
            QueryParams.string(ctx, "status").map(DefinitionStatus::parse).orElse(null)))));
    routes.get(BASE + "/definitions/{id}", Role.VIEWER, "Show a definition.")
        .handle(ctx -> ctx.json(coffer.definitions().show(QueryParams.id(ctx, "id"))));
    routes.get(BASE + "/oneoffs", Role.VIEWER, "List one-offs.").handle(ctx -> ctx.json(coffer.definitions().oneoffs()));
    routes.get(BASE + "/oneoffs/{id}", Role.VIEWER, "Show a one-off.")
        .handle(ctx -> ctx.json(coffer.definitions().oneoff(QueryParams.id(ctx, "id"))));
    routes.get(BASE + "/history", Role.VIEWER, "The history of changes, newest first.")
        .query("since", "string", "an ISO-8601 instant, e.g. 2025-01-31T00:00:00Z")
        .query("limit", "integer", "at most this many entries (1-10000, default 100)")
        .handle(ctx -> ctx.json(coffer.history().list(since(ctx), QueryParams.limit(ctx, 100, 10_000))));
    routes.get(BASE + "/stats", Role.VIEWER, "Counts, sizes and durations of backups: all, or of one node or agent.")
        .query("node", "string", "only the backups of this node (id or name)")
        .query("agent", "string", "only the backups of this agent (id or name)")
        .handle(ctx -> ctx.json(coffer.backups().stats(scope(ctx))));
  }

  private static StatsScope scope(io.javalin.http.Context ctx) {
    java.util.Optional<String> node = QueryParams.string(ctx, "node");
    java.util.Optional<String> agent = QueryParams.string(ctx, "agent");
    if (node.isPresent() && agent.isPresent()) {
      throw new io.coffer.server.http.ApiException(400, "node and agent given together; accepted: one of them or neither",
          "agent");
    }
    return node.map(StatsScope::node).or(() -> agent.map(StatsScope::agent)).orElse(StatsScope.global());
  }

  private static Instant since(io.javalin.http.Context ctx) {
    String text = ctx.queryParam("since");
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw io.coffer.server.http.ApiException.badValue("since", text, "an ISO-8601 instant, e.g. 2025-01-31T00:00:00Z");
    }
  }
}
