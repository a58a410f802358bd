package io.coffer.server.http;

import io.coffer.catalog.access.Role;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the routes of the API as each concept's endpoints declare them; the server registers
 * exactly these, the OpenAPI document describes exactly these, and the tests check every one.
 */
public final class Routes {

  private final List<Route> routes = new ArrayList<>();

  /** Starts a route; {@link Builder#handle} adds it. */
  public Builder get(String path, Role role, String summary) {
    return new Builder(HandlerType.GET, path, role, summary);
  }

  public Builder post(String path, Role role, String summary) {
    return new Builder(HandlerType.POST, path, role, summary);
  }

  public Builder put(String path, Role role, String summary) {
    return new Builder(HandlerType.PUT, path, role, summary);
  }

  public Builder patch(String path, Role role, String summary) {
    return new Builder(HandlerType.PATCH, path, role, summary);
  }

  public Builder delete(String path, Role role, String summary) {
    return new Builder(HandlerType.DELETE, path, role, summary);
  }

  public List<Route> all() {
    return List.copyOf(routes);
  }

  /** A route being declared. */
  public final class Builder {
    private final HandlerType method;
    private final String path;
    private final Role role;
    private final String summary;
    private final List<Route.Param> query = new ArrayList<>();
    private final List<Route.Param> body = new ArrayList<>();
    private int success = 200;
    private String produces = Route.JSON;

    private Builder(HandlerType method, String path, Role role, String summary) {
      this.method = method;
      this.path = path;
      this.role = role;
      this.summary = summary;
    }

    public Builder query(String name, String type, String description) {
      query.add(new Route.Param(name, type, false, description));
      return this;
    }

    public Builder body(String name, String type, boolean required, String description) {
      body.add(new Route.Param(name, type, required, description));
      return this;
    }

    /** Several body fields at once, as a request type lists them. */
    public Builder body(List<Route.Param> fields) {
      body.addAll(fields);
      return this;
    }

    /** The status of success when it is not 200 (201 made, 202 accepted for a job). */
    public Builder success(int status) {
      success = status;
      return this;
    }

    /** The media type of the answer when it is not JSON. */
    public Builder produces(String mediaType) {
      produces = mediaType;
      return this;
    }

    public void handle(Route.Endpoint handler) {
      routes.add(new Route(method, path, role, summary, query, body, success, produces, handler));
    }
  }
}
