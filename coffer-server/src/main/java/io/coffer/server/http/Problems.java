package io.coffer.server.http;

import io.coffer.catalog.CatalogException;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.DuplicateNameException;
import io.coffer.catalog.InUseException;
import io.coffer.catalog.UnknownReferenceException;
import io.coffer.engine.EngineException;
import io.coffer.engine.restore.TargetRefusal;
import io.coffer.server.ApiServer;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to a status and a {@link Problem}, in one place. Refusals of bad input keep
 * the field the engine named, as the API's JSON names it (or as the command line does, for a client
 * that asks with {@link ApiServer#NAMES}); an unknown reference is a 404, a duplicate, a dependent or a restore's
 * target in the way a 409, an unreachable catalog a 503. A bug is a 500 whose body names only a reference number
 * that the log (with the stack trace) also carries: a stack trace never reaches a client.
 */
public final class Problems {

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  private static final AtomicLong INCIDENTS = new AtomicLong();
  /** Marks a response that already holds a problem, so the status handlers leave it alone. */
  private static final String SENT = Problems.class.getName() + ".sent";

  private Problems() {}

  public static void register(JavalinConfig config) {
    config.routes.exception(ApiException.class, (e, ctx) -> send(ctx, e.status(), e.getMessage(), e.field()));
    config.routes.exception(CatalogValidationException.class, (e, ctx) -> {
      boolean commandLine = ApiServer.COMMAND_LINE_NAMES.equalsIgnoreCase(ctx.header(ApiServer.NAMES));
      send(ctx, status(e), commandLine ? e.getMessage() : e.apiMessage(), commandLine ? e.field() : e.apiField());
    });
    config.routes.exception(CatalogException.class, (e, ctx) -> {
      LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage(), e);
      send(ctx, 503, "the catalog cannot be used now: " + e.getMessage(), null);
    });
    config.routes.exception(EngineException.class, (e, ctx) -> {
      boolean catalog = e.getCause() instanceof CatalogException && !(e.getCause() instanceof CatalogValidationException);
      send(ctx, catalog ? 503 : 409, e.getMessage(), null);
    });
    config.routes.exception(HttpResponseException.class, (e, ctx) -> send(ctx, e.getStatus(), message(e), null));
    config.routes.exception(Exception.class, (e, ctx) -> {
      long incident = INCIDENTS.incrementAndGet();
      LOG.error("{} {} failed (incident {})", ctx.method(), ctx.path(), incident, e);
      send(ctx, 500, "internal error (incident " + incident + " in the server log)", null);
    });
    // Statuses Javalin or Jetty set without an exception (no route, a method not allowed).
    config.routes.error(404, ctx -> {
      if (ctx.attribute(SENT) == null) {
        send(ctx, 404, "no route " + ctx.method() + " " + ctx.path() + " (see /api/v1/openapi.json)", null);
      }
    });
  }

  /** Writes a problem as the response. */
  public static void send(Context ctx, int status, String error, String field) {
    ctx.attribute(SENT, Boolean.TRUE);
    ctx.status(status);
    if (ctx.path().startsWith("/console")) {
      // A person reads it: the same words in a page, with the way back.
      ctx.html("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status + " · Coffer</title>"
          + "<link rel=\"stylesheet\" href=\"/console/static/console.css\"></head><body><main><h1>"
          + Problem.of(status, "", null).title() + "</h1><p class=\"error\" id=\"problem\">" + escape(error)
          + "</p><p><a href=\"/console/\">Back to the overview</a></p></main>"
          + "</body></html>");
      return;
    }
    ctx.json(Problem.of(status, error, field));
    ctx.contentType(Problem.CONTENT_TYPE);
  }

  private static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** The status of a refusal of bad input: 404 for an unknown reference, 409 for something in the way, else 400. */
  public static int status(CatalogValidationException e) {
    if (e instanceof UnknownReferenceException) {
      return 404;
    }
    return e instanceof DuplicateNameException || e instanceof InUseException || e instanceof TargetRefusal ? 409 : 400;
  }

  private static String message(HttpResponseException e) {
    return switch (e.getStatus()) {
      case 404 -> e.getMessage() == null || e.getMessage().isBlank() ? "not found" : "no route: " + e.getMessage();
      case 413 -> "the request body is too large: " + e.getMessage();
      default -> e.getMessage();
    };
  }
}
