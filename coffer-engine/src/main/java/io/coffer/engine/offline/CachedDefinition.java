package io.coffer.engine.offline;

import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.retention.Expire;

/**
 * What a backup run needs of a definition, as plain values the local cache can hold.
 *
 * @param extraParameters null in a cache an older version wrote
 */
public record CachedDefinition(
    long id, String agent, String node, String volume, String databases, String kind, String levels, String expire,
    String retention, String extraParameters) {

  public static CachedDefinition of(Definition definition) {
    return new CachedDefinition(definition.id(), definition.agent(), definition.node(), definition.volume(),
        definition.databases().toString(), definition.kind().name(), definition.levels().toString(),
        definition.expire().map(Expire::toString).orElse(null), definition.retention().toString(),
        definition.extraParameters());
  }
}
