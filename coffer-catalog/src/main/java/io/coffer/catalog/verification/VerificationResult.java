package io.coffer.catalog.verification;

import io.coffer.catalog.CatalogValidationException;
import java.time.Instant;
import java.util.List;

/** How a verification ended: what it checked and what differed, or why it could not be done. */
public final class VerificationResult {

  private final VerificationStatus status;
  private final long tablesChecked;
  private final long rowsChecked;
  private final List<String> differences;
  private final String error;
  private Instant finishedAt;

  private VerificationResult(VerificationStatus status, long tables, long rows, List<String> differences,
      String error) {
    if (tables < 0) {
      throw new CatalogValidationException("tables-checked", tables, "a count ≥ 0");
    }
    if (rows < 0) {
      throw new CatalogValidationException("rows-checked", rows, "a count ≥ 0");
    }
    this.status = status;
    this.tablesChecked = tables;
    this.rowsChecked = rows;
    this.differences = List.copyOf(differences);
    this.error = error == null ? "" : error;
  }

  /** Everything compared and equal. */
  public static VerificationResult passed(long tables, long rows) {
    return new VerificationResult(VerificationStatus.PASSED, tables, rows, List.of(), "");
  }

  /** Restored, but the contents differ from what the backup recorded; one line per difference. */
  public static VerificationResult failed(long tables, long rows, List<String> differences) {
    if (differences.isEmpty()) {
      throw new CatalogValidationException("differences", "", "at least one difference for a FAILED verification");
    }
    return new VerificationResult(VerificationStatus.FAILED, tables, rows, differences, "");
  }

  /** Could not be carried out (restore, connection or volume failure); what was checked until then. */
  public static VerificationResult error(long tables, long rows, String error) {
    return new VerificationResult(VerificationStatus.ERROR, tables, rows, List.of(), error);
  }

  /** A problem left behind (a scratch database that could not be dropped) is worth keeping too. */
  public VerificationResult withError(String text) {
    VerificationResult result = new VerificationResult(status, tablesChecked, rowsChecked, differences,
        error.isEmpty() ? text : error + "; " + text);
    result.finishedAt = finishedAt;
    return result;
  }

  public VerificationResult finishedAt(Instant value) {
    this.finishedAt = value;
    return this;
  }

  public VerificationStatus status() {
    return status;
  }

  long tablesChecked() {
    return tablesChecked;
  }

  long rowsChecked() {
    return rowsChecked;
  }

  List<String> differences() {
    return differences;
  }

  String errorText() {
    return error;
  }

  Instant finishedAt() {
    return finishedAt;
  }

  @Override
  public String toString() {
    return status + " tables " + tablesChecked + " rows " + rowsChecked + " differences " + differences.size();
  }
}
