package io.coffer.server.http;

/**
 * A request refused by the API itself (not by the engine): bad authentication, a missing role, a
 * malformed body or parameter. {@link Problems} turns it into its status and JSON body.
 */
public final class ApiException extends RuntimeException {

  private final int status;
  private final String field;

  public ApiException(int status, String error, String field) {
    super(error);
    this.status = status;
    this.field = field;
  }

  /** 400 for a bad value: {@code <field> "<value>" is not valid; accepted: <accepted>}. */
  public static ApiException badValue(String field, Object value, String accepted) {
    return new ApiException(400, field + " \"" + value + "\" is not valid; accepted: " + accepted, field);
  }

  public int status() {
    return status;
  }

  /** The offending field or parameter, or null when the request as a whole is refused. */
  public String field() {
    return field;
  }
}
