package io.coffer.repo.backend;

/** The kinds of file in a volume, each with its own folder (see docs/repository-format.md). */
public enum FileType {
  CONFIG("config"),
  KEY("keys"),
  PACK("data"),
  INDEX("index"),
  BACKUP("backups"),
  LOCK("locks");

  private final String folder;

  FileType(String folder) {
    this.folder = folder;
  }

  /** The folder of this type, or for CONFIG the file name itself. */
  public String folder() {
    return folder;
  }
}
