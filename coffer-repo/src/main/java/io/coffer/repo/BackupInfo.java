package io.coffer.repo;

import io.coffer.repo.manifest.Manifest;

/** A committed backup: its id (the manifest's file name) and manifest. */
public record BackupInfo(String id, Manifest manifest) {
  public String shortId() {
    return id.substring(0, 12);
  }
}
