package io.coffer.source;

/**
 * What a backup captures. {@code FULL}: schema, data and what the database needs around it
 * (roles, database properties). {@code SCHEMA}: the same without table data. {@code DATA}: table data
 * only. {@code CLUSTER}: every database of the node plus all roles/users. {@code FILES}: the node's
 * data directory as a tree, made consistent by a quiesce method ({@link io.coffer.source.files}).
 */
public enum Kind {
  FULL,
  SCHEMA,
  DATA,
  CLUSTER,
  FILES;

  public boolean hasSchema() {
    return this != DATA;
  }

  public boolean hasData() {
    return this != SCHEMA;
  }
}
