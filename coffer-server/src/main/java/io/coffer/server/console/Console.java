package io.coffer.server.console;

import io.coffer.engine.Coffer;
import io.coffer.server.auth.Backoff;
import io.coffer.server.auth.Sessions;
import io.coffer.server.http.ApiException;
import io.coffer.server.http.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The console's routes: login, pages, the restore wizard, and its two static files. */
public final class Console {

  /** The files under {@code /console/static/}, with their types; nothing else is served from there. */
  private static final Map<String, String> STATIC = Map.of(
      "console.css", "text/css; charset=utf-8",
      "console.js", "text/javascript; charset=utf-8");

  private Console() {}

  public static void declare(Routes routes, Coffer coffer, Sessions sessions, Backoff backoff, boolean tls) {
    new ConsoleAuth(coffer, sessions, backoff, tls).declare(routes);
    new ConsolePages(coffer).declare(routes);
    new RestoreWizard(coffer).declare(routes);
    new DefinitionsPage(coffer).declare(routes);
    new DefinitionPage(coffer).declare(routes);
    new NodePages(coffer).declare(routes);
    routes.get("/console/static/{file}", null, "The console's style sheet and script.").produces("text/plain")
        .handle(ctx -> {
          String file = ctx.pathParam("file");
          String type = STATIC.get(file);
          if (type == null) {
            throw new ApiException(404, "no static file \"" + file + "\"; accepted: " + String.join(", ",
                new java.util.TreeSet<>(STATIC.keySet())), "file");
          }
          try (InputStream in = Console.class.getResourceAsStream("/console/" + file)) {
            if (in == null) {
              throw new IOException("the resource /console/" + file + " is missing from the jar");
            }
            ctx.contentType(type).header("Cache-Control", "max-age=3600").result(in.readAllBytes());
          }
        });
  }
}
