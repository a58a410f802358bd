package io.coffer.server.http;

import io.coffer.catalog.access.Role;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Objects;

/**
 * One endpoint: method, path ({@code /api/v1/backups/{id}}), the role it needs ({@code null} only
 * for the health probe), what it does, its query parameters and body fields (for the OpenAPI
 * document), the status of success, and the handler. A route cannot be made without a rule.
 */
public record Route(
    HandlerType method, String path, Role role, String summary, List<Param> query, List<Param> body,
    int success, String produces, Endpoint handler) {

  /** What most routes answer with. */
  public static final String JSON = "application/json";
  /** A stream of server-sent events, which stays open. */
  public static final String EVENTS = "text/event-stream";

  /** A query parameter or body field: name, JSON type ({@code string}, {@code integer}, {@code boolean}), meaning. */
  public record Param(String name, String type, boolean required, String description) {}

  /** What handles a request; may throw anything, which {@link Problems} maps. */
  @FunctionalInterface
  public interface Endpoint {
    void handle(io.javalin.http.Context ctx) throws Exception;
  }

  public Route {
    Objects.requireNonNull(method);
    Objects.requireNonNull(path);
    Objects.requireNonNull(summary);
    Objects.requireNonNull(handler);
    Objects.requireNonNull(produces);
    query = List.copyOf(query);
    body = List.copyOf(body);
  }

  /** Whether its answer is a stream that stays open (server-sent events). */
  public boolean streams() {
    return EVENTS.equals(produces);
  }

  /** Whether anyone may call it without credentials (the health probe). */
  public boolean open() {
    return role == null;
  }

  /** The path parameters, in order: {@code id} of {@code /backups/{id}}. */
  public List<String> pathParams() {
    return java.util.regex.Pattern.compile("\\{([a-zA-Z]+)}").matcher(path).results().map(m -> m.group(1)).toList();
  }
}
