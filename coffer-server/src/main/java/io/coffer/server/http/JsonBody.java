package io.coffer.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A request's JSON object, read strictly: malformed JSON, a field the route does not take, or a
 * value of the wrong type is a 400 that names the field, the value and what is accepted — never a
 * silently ignored or coerced value.
 */
public final class JsonBody implements RequestFields {

  private final ObjectNode object;
  private final Context context;

  private JsonBody(ObjectNode object, Context context) {
    this.object = object;
    this.context = context;
  }

  /** The request the body came with. */
  public Context context() {
    return context;
  }

  /** The body of {@code ctx} as an object with no fields beyond those its route declares. */
  public static JsonBody of(Context ctx, ObjectMapper json) {
    Route route = ctx.attribute(Route.class.getName());
    if (route == null) {
      throw new IllegalStateException("no route is attached to " + ctx.method() + " " + ctx.path());
    }
    String contentType = ctx.contentType();
    if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(415, "content type \"" + contentType + "\" is not accepted; accepted: application/json",
          null);
    }
    byte[] bytes = ctx.bodyAsBytes();
    JsonNode node;
    try {
      node = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "the body is not valid JSON (" + e.getOriginalMessage() + " at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "); accepted: a JSON object",
          null);
    } catch (java.io.IOException e) {
      throw new ApiException(400, "the body cannot be read: " + e.getMessage(), null);
    }
    if (node == null || node.isMissingNode()) {
      node = json.createObjectNode();
    }
    if (!node.isObject()) {
      throw new ApiException(400, "the body is a JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
          + "; accepted: a JSON object", null);
    }
    Set<String> known = new java.util.HashSet<>();
    route.body().forEach(p -> known.add(p.name()));
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new ApiException(400, "field \"" + name + "\" is not known; accepted: "
            + (known.isEmpty() ? "no fields" : String.join(", ", new java.util.TreeSet<>(known))), name);
      }
    }
    return new JsonBody((ObjectNode) node, ctx);
  }

  @Override
  public Optional<String> string(String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw ApiException.badValue(field, value, "a string");
    }
    return Optional.of(value.asText());
  }

  public String requiredString(String field) {
    return string(field).orElseThrow(() -> new ApiException(400, "field \"" + field + "\" is missing; accepted: a string",
        field));
  }

  /** A whole number from {@code min} to {@code max}; a string or a fraction is refused, not converted. */
  @Override
  public Optional<Integer> integer(String field, int min, int max) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
      throw ApiException.badValue(field, value, "a whole number from " + min + " to " + max);
    }
    return Optional.of(value.asInt());
  }

  @Override
  public Optional<Boolean> bool(String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isBoolean()) {
      throw ApiException.badValue(field, value, "true or false");
    }
    return Optional.of(value.asBoolean());
  }

  /** A JSON object whose values are strings; anything else is a 400 naming the field. */
  @Override
  public Map<String, String> map(String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw ApiException.badValue(field, value, "a JSON object of strings");
    }
    Map<String, String> map = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      if (!entry.getValue().isTextual()) {
        throw ApiException.badValue(field, value, "a JSON object of strings (" + entry.getKey() + " is a JSON "
            + entry.getValue().getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ")");
      }
      map.put(entry.getKey(), entry.getValue().asText());
    }
    return map;
  }

  public boolean has(String field) {
    JsonNode value = object.get(field);
    return value != null && !value.isNull();
  }
}
