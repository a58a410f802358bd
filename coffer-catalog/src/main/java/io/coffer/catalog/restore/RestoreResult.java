package io.coffer.catalog.restore;

import io.coffer.catalog.CatalogValidationException;
import java.time.Instant;
import java.util.List;

/** How a restore ended. */
public final class RestoreResult {

  private final RestoreStatus status;
  private final String error;
  private long bytesWritten;
  private String logTail = "";
  private List<String> roles = List.of();
  private String serverVersion = "";
  private String toolVersion = "";
  private Instant finishedAt;

  private RestoreResult(RestoreStatus status, String error) {
    this.status = status;
    this.error = error == null ? "" : error;
  }

  public static RestoreResult succeeded(long bytesWritten) {
    if (bytesWritten < 0) {
      throw new CatalogValidationException("bytes-written", bytesWritten, "a size ≥ 0");
    }
    RestoreResult result = new RestoreResult(RestoreStatus.SUCCEEDED, "");
    result.bytesWritten = bytesWritten;
    return result;
  }

  public static RestoreResult failed(String error) {
    return new RestoreResult(RestoreStatus.FAILED, error);
  }

  public static RestoreResult aborted(String reason) {
    return new RestoreResult(RestoreStatus.ABORTED, reason);
  }

  public RestoreResult logTail(String value) {
    this.logTail = value == null ? "" : value;
    return this;
  }

  /** The roles the restore created or reused. */
  public RestoreResult roles(List<String> value) {
    this.roles = List.copyOf(value);
    return this;
  }

  public RestoreResult versions(String server, String tool) {
    this.serverVersion = server == null ? "" : server;
    this.toolVersion = tool == null ? "" : tool;
    return this;
  }

  public RestoreResult finishedAt(Instant value) {
    this.finishedAt = value;
    return this;
  }

  RestoreStatus status() {
    return status;
  }

  String errorText() {
    return error;
  }

  long bytesWritten() {
    return bytesWritten;
  }

  String logTailText() {
    return logTail;
  }

  List<String> roles() {
    return roles;
  }

  String serverVersion() {
    return serverVersion;
  }

  String toolVersion() {
    return toolVersion;
  }

  Instant finishedAt() {
    return finishedAt;
  }

  @Override
  public String toString() {
    return status + " bytes-written " + bytesWritten;
  }
}
