package io.coffer.server.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.catalog.access.Role;
import io.coffer.server.ApiServer;
import io.coffer.server.http.Problem;
import io.coffer.server.http.Route;
import io.coffer.server.http.Routes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/v1/openapi.json}: an OpenAPI 3.0 document written from the same route table the
 * server registers, so it cannot describe a route that is not served or miss one that is. Each
 * operation names the role it needs ({@code x-coffer-role}), its parameters, body fields, the
 * status of success and the problem responses.
 */
public final class OpenApiDocument {

  public static final String PATH = ApiServer.BASE + "/openapi.json";

  private OpenApiDocument() {}

  /** Adds the document's own route, describing {@code declared} and itself. */
  public static void declare(Routes routes, ObjectMapper json, List<Route> declared) {
    List<Route> all = new ArrayList<>(declared);
    routes.get(PATH, Role.VIEWER, "This document: every route of the API with the role it needs.").handle(ctx -> {
      ctx.contentType("application/json").result(json.writeValueAsString(document(json, all)));
    });
    all.add(routes.all().get(routes.all().size() - 1));
  }

  static ObjectNode document(ObjectMapper json, List<Route> routes) {
    ObjectNode doc = json.createObjectNode();
    doc.put("openapi", "3.0.3");
    ObjectNode info = doc.putObject("info");
    info.put("title", "Coffer administration API");
    info.put("version", "1");
    info.put("description", "Backups of databases: nodes, volumes, definitions, backups, jobs. Errors are"
        + " application/problem+json with \"error\" and \"field\". Roles: viewer < operator < admin.");
    ObjectNode components = doc.putObject("components");
    ObjectNode schemes = components.putObject("securitySchemes");
    schemes.putObject("basic").put("type", "http").put("scheme", "basic");
    schemes.putObject("bearer").put("type", "http").put("scheme", "bearer");
    ObjectNode problem = components.putObject("schemas").putObject("Problem");
    problem.put("type", "object");
    ObjectNode props = problem.putObject("properties");
    for (String name : List.of("type", "title", "error", "field")) {
      props.putObject(name).put("type", "string");
    }
    props.putObject("status").put("type", "integer");
    ArrayNode security = doc.putArray("security");
    security.addObject().putArray("basic");
    security.addObject().putArray("bearer");
    ObjectNode paths = doc.putObject("paths");
    for (Route route : routes) {
      ObjectNode path = paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path());
      path.set(route.method().name().toLowerCase(Locale.ROOT), operation(json, route));
    }
    return doc;
  }

  private static ObjectNode operation(ObjectMapper json, Route route) {
    ObjectNode op = json.createObjectNode();
    op.put("summary", route.summary());
    op.put("operationId", operationId(route));
    op.put("x-coffer-role", route.open() ? "none" : route.role().toString());
    if (route.open()) {
      op.putArray("security");
    }
    ArrayNode parameters = op.putArray("parameters");
    for (String name : route.pathParams()) {
      ObjectNode p = parameters.addObject();
      p.put("name", name).put("in", "path").put("required", true);
      p.putObject("schema").put("type", "string");
    }
    for (Route.Param param : route.query()) {
      ObjectNode p = parameters.addObject();
      p.put("name", param.name()).put("in", "query").put("required", false).put("description", param.description());
      p.putObject("schema").put("type", param.type());
    }
    if (!route.body().isEmpty()) {
      ObjectNode schema = op.putObject("requestBody").put("required", true).putObject("content")
          .putObject("application/json").putObject("schema");
      schema.put("type", "object").put("additionalProperties", false);
      ObjectNode properties = schema.putObject("properties");
      ArrayNode required = json.createArrayNode();
      for (Route.Param field : route.body()) {
        ObjectNode property = properties.putObject(field.name()).put("type", field.type())
            .put("description", field.description());
        if (field.type().equals("object")) {
          // The API's objects are maps of names to texts (a tablespace map).
          property.putObject("additionalProperties").put("type", "string");
        }
        if (field.required()) {
          required.add(field.name());
        }
      }
      if (!required.isEmpty()) {
        schema.set("required", required);
      }
    }
    ObjectNode responses = op.putObject("responses");
    ObjectNode success = responses.putObject(Integer.toString(route.success())).put("description",
        switch (route.success()) {
          case 201 -> "Created";
          case 202 -> "Accepted: a job carries it out; Location names the job";
          default -> "OK";
        });
    success.putObject("content").putObject(route.produces()).putObject("schema")
        .put("type", route.produces().equals(Route.JSON) ? "object" : "string");
    List<Integer> problems = new ArrayList<>(List.of(400, 404, 409, 413, 503));
    if (!route.open()) {
      problems.addAll(List.of(401, 403, 429));
    }
    problems.sort(null);
    for (int status : problems) {
      responses.putObject(Integer.toString(status)).put("description", Problem.of(status, "", null).title())
          .putObject("content").putObject(Problem.CONTENT_TYPE).putObject("schema")
          .put("$ref", "#/components/schemas/Problem");
    }
    return op;
  }

  private static String operationId(Route route) {
    StringBuilder id = new StringBuilder(route.method().name().toLowerCase(Locale.ROOT));
    for (String part : route.path().substring(ApiServer.BASE.length()).split("[/{}.]+")) {
      if (!part.isEmpty()) {
        id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1).replace("-", ""));
      }
    }
    return id.toString();
  }
}
