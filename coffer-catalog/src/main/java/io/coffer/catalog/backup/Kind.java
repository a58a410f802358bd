package io.coffer.catalog.backup;

import io.coffer.catalog.Enums;

/**
 * What a backup captures. CLUSTER, FULL, SCHEMA and DATA are logical dumps (FULL also keeps the
 * roles and database settings needed for a complete restore); PHYSICAL is a copy of the server's
 * files taken through the server; FILES is a directory, made consistent by a quiesce method.
 *
 * <p>Which kinds a node can produce is its driver's to say, not the catalog's: the engine asks the
 * driver and refuses a definition or one-off of a kind its node cannot make.
 */
public enum Kind {
  CLUSTER,
  FULL,
  SCHEMA,
  DATA,
  PHYSICAL,
  FILES;

  public static final String FIELD = "kind";

  public static Kind parse(String text) {
    return Enums.parse(Kind.class, FIELD, text);
  }

  /**
   * Whether a backup of this kind restores into an empty database on its own. A DATA backup loads
   * rows into tables that must already exist, so it can be neither verified nor restored alone.
   */
  public boolean restoresOnItsOwn() {
    return this != DATA;
  }
}
