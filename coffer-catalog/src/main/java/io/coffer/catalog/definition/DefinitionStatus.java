package io.coffer.catalog.definition;

import io.coffer.catalog.Enums;

/**
 * Whether a definition runs. DELETED marks a definition whose database is gone: it no longer runs
 * but keeps its backups until it is removed.
 */
public enum DefinitionStatus {
  ACTIVE,
  STOPPED,
  DELETED;

  public static final String FIELD = "status";

  public static DefinitionStatus parse(String text) {
    return Enums.parse(DefinitionStatus.class, FIELD, text);
  }
}
