package io.coffer.model;

/**
 * What a backup captures. CLUSTER, FULL, SCHEMA and DATA are logical dumps: CLUSTER every database
 * of the node plus all roles or users; FULL one database's schema and data plus what it needs
 * around it (roles, database properties); SCHEMA the same without table data; DATA table data
 * only. PHYSICAL is a copy of the server's files taken through the server; FILES is a directory,
 * made consistent by a quiesce method.
 *
 * <p>Which kinds a node can produce is its driver's to say: the engine asks the driver and refuses
 * a definition or one-off of a kind its node cannot make.
 */
public enum Kind {
  CLUSTER,
  FULL,
  SCHEMA,
  DATA,
  PHYSICAL,
  FILES;

  /** The name of the field in the CLI, the API and the catalog. */
  public static final String FIELD = "kind";

  /**
   * Whether a backup of this kind restores into an empty database on its own. A DATA backup loads
   * rows into tables that must already exist, so it can be neither verified nor restored alone.
   */
  public boolean restoresOnItsOwn() {
    return this != DATA;
  }

  /**
   * Whether a backup of this kind copies the node's whole data directory (PHYSICAL, FILES) rather
   * than databases chosen by name: such a backup names no database and is recorded for the node.
   */
  public boolean copiesWholeNode() {
    return this == PHYSICAL || this == FILES;
  }

  public boolean hasSchema() {
    return this != DATA;
  }

  public boolean hasData() {
    return this != SCHEMA;
  }
}
