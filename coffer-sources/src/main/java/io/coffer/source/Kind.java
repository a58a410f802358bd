package io.coffer.source;

/**
 * What a logical backup captures. {@code FULL}: schema, data and what the database needs around it
 * (roles, database properties). {@code SCHEMA}: the same without table data. {@code DATA}: table data
 * only. {@code CLUSTER}: every database of the node plus all roles/users.
 */
public enum Kind {
  FULL,
  SCHEMA,
  DATA,
  CLUSTER;

  public boolean hasSchema() {
    return this != DATA;
  }

  public boolean hasData() {
    return this != SCHEMA;
  }
}
