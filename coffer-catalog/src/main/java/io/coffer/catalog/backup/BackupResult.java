package io.coffer.catalog.backup;

import io.coffer.catalog.CatalogValidationException;
import java.time.Instant;
import java.util.List;

/**
 * How a backup ended. A SUCCEEDED backup must name its manifest, which exists in the volume by the
 * time the result is recorded (DESIGN rule 2).
 */
public final class BackupResult {

  private final BackupStatus status;
  private String manifestId;
  private long bytesRead;
  private long bytesNew;
  private long bytesStored;
  private String error = "";
  private String logTail = "";
  private String report = "";
  private String checksum = "";
  private String serverVersion = "";
  private String toolVersion = "";
  private List<String> roles = List.of();
  private Instant finishedAt;

  private BackupResult(BackupStatus status) {
    if (status == BackupStatus.RUNNING) {
      throw new CatalogValidationException(BackupStatus.FIELD, status, "SUCCEEDED, FAILED or ABORTED");
    }
    this.status = status;
  }

  public static BackupResult succeeded(String manifestId) {
    if (manifestId == null || manifestId.isBlank()) {
      throw new CatalogValidationException("manifest-id", manifestId, "the id of the backup's manifest in the volume");
    }
    BackupResult result = new BackupResult(BackupStatus.SUCCEEDED);
    result.manifestId = manifestId.strip();
    return result;
  }

  public static BackupResult failed(String error) {
    return new BackupResult(BackupStatus.FAILED).error(error);
  }

  public static BackupResult aborted(String reason) {
    return new BackupResult(BackupStatus.ABORTED).error(reason);
  }

  /** Bytes read from the node, bytes of new chunks, and bytes written to the volume. */
  public BackupResult bytes(long read, long fresh, long stored) {
    if (read < 0 || fresh < 0 || stored < 0) {
      throw new CatalogValidationException("bytes", read + "/" + fresh + "/" + stored, "sizes ≥ 0");
    }
    this.bytesRead = read;
    this.bytesNew = fresh;
    this.bytesStored = stored;
    return this;
  }

  public BackupResult error(String value) {
    this.error = value == null ? "" : value;
    return this;
  }

  /** The last lines of the backup's log, kept for "backup show". */
  public BackupResult logTail(String value) {
    this.logTail = value == null ? "" : value;
    return this;
  }

  /** The driver's report of what the backup holds, as JSON; kept apart from the backup's row. */
  public BackupResult report(String json) {
    this.report = json == null ? "" : json;
    return this;
  }

  /** e.g. {@code sha256:…} of the backup's content, for verification against the volume. */
  public BackupResult checksum(String value) {
    this.checksum = value == null ? "" : value;
    return this;
  }

  public BackupResult versions(String server, String tool) {
    this.serverVersion = server == null ? "" : server;
    this.toolVersion = tool == null ? "" : tool;
    return this;
  }

  /** The roles the backup holds (PgBackMan's role list), for restore to recreate. */
  public BackupResult roles(List<String> value) {
    this.roles = List.copyOf(value);
    return this;
  }

  public BackupResult finishedAt(Instant value) {
    this.finishedAt = value;
    return this;
  }

  BackupStatus status() {
    return status;
  }

  String manifestId() {
    return manifestId;
  }

  long bytesRead() {
    return bytesRead;
  }

  long bytesNew() {
    return bytesNew;
  }

  long bytesStored() {
    return bytesStored;
  }

  String errorText() {
    return error;
  }

  String logTailText() {
    return logTail;
  }

  String reportJson() {
    return report;
  }

  String checksumText() {
    return checksum;
  }

  String serverVersion() {
    return serverVersion;
  }

  String toolVersion() {
    return toolVersion;
  }

  List<String> roles() {
    return roles;
  }

  Instant finishedAt() {
    return finishedAt;
  }

  @Override
  public String toString() {
    return status + (manifestId == null ? "" : " manifest " + manifestId)
        + " bytes " + bytesRead + "/" + bytesNew + "/" + bytesStored;
  }
}
