package io.coffer.cli.volume;

/**
 * {@code ID[:NAME]} as typed: a backup id or unique prefix, and optionally one entry of it. Ids are
 * hex, so the first colon always ends the id.
 */
record BackupRef(String id, String name) {

  static BackupRef parse(String text) {
    int colon = text.indexOf(':');
    return colon < 0 ? new BackupRef(text, null) : new BackupRef(text.substring(0, colon), text.substring(colon + 1));
  }
}
