package io.coffer.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.engine.Coffer;
import io.coffer.server.http.Route;
import io.coffer.server.http.Routes;
import io.coffer.server.auth.Backoff;
import io.coffer.server.auth.Sessions;
import io.coffer.server.console.Console;
import io.coffer.server.events.JobFeed;
import io.coffer.server.metrics.PrometheusMetrics;
import io.coffer.server.openapi.OpenApiDocument;
import java.util.List;

/** Every route of the API, in the order the OpenAPI document lists them. */
public final class Endpoints {

  private Endpoints() {}

  public static List<Route> all(Coffer coffer, ObjectMapper json, PrometheusMetrics metrics, boolean openMetrics,
      JobFeed feed, Sessions sessions, Backoff backoff, boolean tls) {
    Routes routes = new Routes();
    HealthApi.declare(routes, coffer);
    MetricsApi.declare(routes, coffer, metrics, openMetrics);
    ModelApi.declare(routes, coffer);
    ChangesApi.declare(routes, coffer, json);
    DatabasesApi.declare(routes, coffer, json);
    BackupsApi.declare(routes, coffer, json);
    RestoresApi.declare(routes, coffer, json);
    JobsApi.declare(routes, coffer);
    EventsApi.declare(routes, feed);
    AccessApi.declare(routes, coffer, json);
    Console.declare(routes, coffer, sessions, backoff, tls);
    List<Route> declared = routes.all();
    OpenApiDocument.declare(routes, json, declared);
    return routes.all();
  }
}
