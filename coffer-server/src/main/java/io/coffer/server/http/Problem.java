package io.coffer.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one error shape of the API (RFC 9457 problem details, {@code application/problem+json}):
 * {@code error} says what is wrong in one line, naming the value and what is accepted; {@code field}
 * names the offending field, parameter or path segment when there is one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String error, String field) {

  public static final String CONTENT_TYPE = "application/problem+json";

  public static Problem of(int status, String error, String field) {
    return new Problem("about:blank", title(status), status, error, field);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
  }
}
