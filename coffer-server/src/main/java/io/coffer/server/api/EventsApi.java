package io.coffer.server.api;

import static io.coffer.server.ApiServer.BASE;

import io.coffer.catalog.access.Role;
import io.coffer.server.events.JobFeed;
import io.coffer.server.http.ApiException;
import io.coffer.server.http.Route;
import io.coffer.server.http.Routes;
import io.javalin.http.sse.SseHandler;

/** {@code GET /api/v1/events}: server-sent events of jobs' state and progress. */
final class EventsApi {

  private EventsApi() {}

  static void declare(Routes routes, JobFeed feed) {
    routes.get(BASE + "/events", Role.VIEWER, "Server-sent events: an event \"job\" (id, type, state, progress,"
            + " phase, node, definition, backup, error) for each job queued or running now and each of the 50 newest, then at each change.")
        .produces(Route.EVENTS)
        .handle(ctx -> {
          String accept = ctx.header("Accept");
          if (accept == null || !accept.contains(Route.EVENTS)) {
            throw new ApiException(406, "Accept \"" + accept + "\" is not served here; accepted: " + Route.EVENTS
                + " (an EventSource)", null);
          }
          new SseHandler(0, feed::join).handle(ctx);
        });
  }
}
