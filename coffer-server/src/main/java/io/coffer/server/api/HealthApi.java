package io.coffer.server.api;

import io.coffer.engine.Coffer;
import io.coffer.server.ApiServer;
import io.coffer.server.http.Routes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health probe, the one route without authentication: it says whether the server answers and
 * whether the catalog does, and nothing else (no version, no names).
 */
final class HealthApi {

  private HealthApi() {}

  static void declare(Routes routes, Coffer coffer) {
    routes.get(ApiServer.BASE + "/health", null, "Whether the server and its catalog answer (no authentication).")
        .handle(ctx -> {
          boolean catalog = coffer.catalogLink().reachable().isPresent();
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("status", catalog ? "ok" : "degraded");
          body.put("catalog", catalog ? "reachable" : "unreachable");
          ctx.status(catalog ? 200 : 503).json(body);
        });
  }
}
