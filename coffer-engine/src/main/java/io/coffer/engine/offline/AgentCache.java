package io.coffer.engine.offline;

import io.coffer.engine.node.NodeInfo;
import io.coffer.engine.volume.VolumeInfo;
import java.util.List;
import java.util.Optional;

/**
 * What an agent needs to run its definitions while the catalog is away, kept as one file: its
 * definitions and the nodes and volumes they name. One file rather than one per item, because an
 * agent of ten thousand definitions wrote eleven thousand synced files at every start, which took
 * longer than the start itself and kept an idle agent busy for minutes.
 */
public record AgentCache(List<CachedDefinition> definitions, List<NodeInfo> nodes, List<VolumeInfo> volumes) {

  public AgentCache {
    definitions = List.copyOf(definitions);
    nodes = List.copyOf(nodes);
    volumes = List.copyOf(volumes);
  }

  Optional<CachedDefinition> definition(long id) {
    return definitions.stream().filter(d -> d.id() == id).findFirst();
  }

  /** By name, or by id written as digits (the way a definition's run refers to its node). */
  Optional<NodeInfo> node(String reference) {
    return nodes.stream().filter(n -> n.name().equals(reference) || Long.toString(n.id()).equals(reference))
        .findFirst();
  }

  Optional<VolumeInfo> volume(String name) {
    return volumes.stream().filter(v -> v.name().equals(name)).findFirst();
  }
}
