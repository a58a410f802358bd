package io.coffer.engine.offline;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.config.ConfigKey;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.retention.Expire;
import io.coffer.model.Kind;
import java.util.HashMap;
import java.util.Map;

/**
/**
 * What a backup run needs of a definition, as plain values the local cache can hold. {@code quiesce}
 * and {@code onChange} are a FILES definition's resolved settings (its own, else its node's as they
 * were when cached).
 *
 * @param extraParameters null in a cache an older version wrote
 * @param quiesce null in a cache an older version wrote, and for the other kinds
 */
public record CachedDefinition(
    long id, String agent, String node, String volume, String databases, String kind, String levels, String expire,
    String retention, String extraParameters, String quiesce, String onChange, boolean forceUnquiesced) {

  /** The definition as cached; for FILES with its node's quiesce settings (one catalog read), else without. */
  public static CachedDefinition of(Catalog catalog, Definition definition) {
    if (definition.kind() != Kind.FILES) {
      return of(definition, null, null);
    }
    Map<String, String> settings = new HashMap<>();
    catalog.config().forNode(definition.node()).forEach(e -> settings.put(e.key(), e.value()));
    return of(definition, settings.get(ConfigKey.QUIESCE.key()), settings.get(ConfigKey.ON_CHANGE.key()));
  }

  /** @param nodeQuiesce the node's quiesce setting, for a definition that leaves it to the node */
  public static CachedDefinition of(Definition definition, String nodeQuiesce, String nodeOnChange) {
    String quiesce = definition.files().quiesce().isEmpty() ? nodeQuiesce : definition.files().quiesce();
    String onChange = definition.files().onChange().isEmpty() ? nodeOnChange : definition.files().onChange();
    return new CachedDefinition(definition.id(), definition.agent(), definition.node(), definition.volume(),
        definition.databases().toString(), definition.kind().name(), definition.levels().toString(),
        definition.expire().map(Expire::toString).orElse(null), definition.retention().toString(),
        definition.extraParameters(), quiesce, onChange, definition.files().forceUnquiesced());
  }
}
