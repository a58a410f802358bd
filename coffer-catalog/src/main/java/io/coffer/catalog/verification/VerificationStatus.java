package io.coffer.catalog.verification;

/**
 * Where a verification stands: PASSED (restored and equal), FAILED (restored, but contents differ
 * from what the backup recorded, or the restore found them wrong), ERROR (could not be carried out).
 */
public enum VerificationStatus {
  RUNNING,
  PASSED,
  FAILED,
  ERROR
}
