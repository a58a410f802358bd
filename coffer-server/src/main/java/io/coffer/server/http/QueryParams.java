package io.coffer.server.http;

import io.javalin.http.Context;
import java.util.Optional;

/** Query parameters and path segments read strictly: a bad number is a 400 naming the parameter. */
public final class QueryParams {

  private QueryParams() {}

  public static int limit(Context ctx, int fallback, int max) {
    return integer(ctx, "limit", 1, max).orElse(fallback);
  }

  public static Optional<Integer> integer(Context ctx, String name, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return Optional.of(value);
      }
    } catch (NumberFormatException e) {
      // refused below, with the value and what is accepted
    }
    throw ApiException.badValue(name, text, "a whole number from " + min + " to " + max);
  }

  public static Optional<String> string(Context ctx, String name) {
    String text = ctx.queryParam(name);
    return text == null || text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** {@code true} or {@code false}; absent is {@code fallback}, anything else a 400 naming the parameter. */
  public static boolean bool(Context ctx, String name, boolean fallback) {
    String text = ctx.queryParam(name);
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw ApiException.badValue(name, text, "true or false");
  }

  /** An instant (ISO-8601 in UTC, e.g. {@code 2026-12-01T00:00:00Z}); absent is empty, anything else a 400. */
  public static Optional<java.time.Instant> instant(Context ctx, String name) {
    String text = ctx.queryParam(name);
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(java.time.Instant.parse(text));
    } catch (java.time.format.DateTimeParseException e) {
      throw ApiException.badValue(name, text, "an instant in ISO-8601 UTC, e.g. 2026-12-01T00:00:00Z");
    }
  }

  /** A numeric id in the path, e.g. {@code /backups/{id}}. */
  public static long id(Context ctx, String name) {
    String text = ctx.pathParam(name);
    try {
      long id = Long.parseLong(text);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ApiException.badValue(name, text, "a positive whole number");
  }
}
