package io.coffer.server.api;

import io.coffer.catalog.access.Role;
import io.coffer.engine.Coffer;
import io.coffer.server.http.Routes;
import io.coffer.server.metrics.PrometheusMetrics;

/** {@code GET /metrics}: Prometheus's text format; a viewer's credentials unless the server opened it. */
final class MetricsApi {

  static final String PATH = "/metrics";

  private MetricsApi() {}

  static void declare(Routes routes, Coffer coffer, PrometheusMetrics metrics, boolean open) {
    routes.get(PATH, open ? null : Role.VIEWER, "Prometheus metrics: backups, verifications, jobs, agents, volumes.")
        .produces("text/plain")
        .handle(ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
            .result(metrics.scrape(coffer.metrics().snapshot())));
  }
}
