package io.coffer.engine.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.engine.node.NodeInfo;
import io.coffer.engine.volume.VolumeInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local cache answers from an agent's one file as from single files, single files first. */
class LocalCacheTest {

  @TempDir Path home;

  private static CachedDefinition definition(long id, String node, String databases) {
    return new CachedDefinition(id, "backup01", node, "vault", databases, "FULL", "0", null, "7 days", null, null,
        null, false);
  }

  private static NodeInfo node(long id, String name) {
    return new NodeInfo(id, name, "sqlite", null, 0, null, "none", "/data/" + name, "RUNNING");
  }

  @Test
  void anAgentsFile_answersForItsDefinitionsNodesAndVolumes_inOneFile() throws Exception {
    LocalCache cache = new LocalCache(home);
    cache.putAgent("backup01", new AgentCache(List.of(definition(7, "pg1", "shop"), definition(8, "pg2", "sales")),
        List.of(node(3, "pg1"), node(4, "pg2")), List.of(new VolumeInfo(1, "vault", "/backups/vault"))));

    assertThat(cache.definition(8)).get().extracting(CachedDefinition::databases).isEqualTo("sales");
    assertThat(cache.node("pg2")).get().extracting(NodeInfo::id).isEqualTo(4L);
    assertThat(cache.node("3")).get().extracting(NodeInfo::name).isEqualTo("pg1");
    assertThat(cache.volume("vault")).get().extracting(VolumeInfo::location).isEqualTo("/backups/vault");
    assertThat(cache.definition(9)).isEmpty();
    assertThat(cache.node("pg3")).isEmpty();
    assertThat(cache.volume("other")).isEmpty();
    try (var files = Files.walk(home)) {
      assertThat(files.filter(Files::isRegularFile).toList()).as("one file for the agent").hasSize(1);
    }
  }

  @Test
  void aSingleFile_writtenByARunStartedByHand_comesBeforeTheAgentsFile() {
    LocalCache cache = new LocalCache(home);
    cache.putAgent("backup01", new AgentCache(List.of(definition(7, "pg1", "shop")), List.of(node(3, "pg1")),
        List.of()));
    cache.put(definition(7, "pg1", "shop,sales"));

    assertThat(cache.definition(7)).get().extracting(CachedDefinition::databases).isEqualTo("shop,sales");
  }
}
