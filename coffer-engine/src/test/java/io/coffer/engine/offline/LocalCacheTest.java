package io.coffer.engine.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.engine.node.NodeInfo;
import io.coffer.engine.volume.VolumeInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
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

  @Test
  void aRunOfAnAgentsDefinition_writesNoSingleFile_whenTheAgentsFileHoldsTheSame() throws Exception {
    LocalCache cache = new LocalCache(home);
    VolumeInfo vault = new VolumeInfo(1, "vault", "/backups/vault");
    cache.putAgent("backup01", new AgentCache(List.of(definition(7, "pg1", "shop")), List.of(node(3, "pg1")),
        List.of(vault)));

    cache.put(definition(7, "pg1", "shop"));
    cache.put(node(3, "pg1"));
    cache.put(vault);

    try (var files = Files.walk(home)) {
      assertThat(files.filter(Files::isRegularFile).toList()).as("only the agent's file").hasSize(1);
    }
    assertThat(cache.node("pg1")).contains(node(3, "pg1"));
  }

  @Test
  void aValueTheAgentsFileHoldsDifferently_orAnOlderSingleFile_isWritten() {
    LocalCache cache = new LocalCache(home);
    cache.put(node(3, "pg1")); // a run by hand before the agent's file existed
    cache.putAgent("backup01", new AgentCache(List.of(), List.of(node(3, "pg1")), List.of()));
    NodeInfo moved = new NodeInfo(3, "pg1", "sqlite", null, 0, null, "none", "/data/moved", "RUNNING");

    cache.put(moved);
    assertThat(cache.node("pg1")).as("the single file comes first, so it is brought up to date").contains(moved);

    cache.put(definition(8, "pg1", "sales"));
    assertThat(cache.definition(8)).get().extracting(CachedDefinition::databases).isEqualTo("sales");
  }

  @Test
  void aFileHoldingTheSameBytes_isNotWrittenAgain() throws Exception {
    LocalCache cache = new LocalCache(home);
    VolumeInfo vault = new VolumeInfo(1, "vault", "/backups/vault");
    cache.put(vault);
    Path file = home.resolve("volumes/vault.json");
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(file, old);

    cache.put(vault);
    assertThat(Files.getLastModifiedTime(file)).as("left as it was").isEqualTo(old);

    cache.put(new VolumeInfo(1, "vault", "/backups/elsewhere"));
    assertThat(Files.getLastModifiedTime(file)).isNotEqualTo(old);
    assertThat(cache.volume("vault")).get().extracting(VolumeInfo::location).isEqualTo("/backups/elsewhere");
  }

  @Test
  void onlyVolume_namesTheCachesOneVolume_andNothingWhenThereAreNoneOrSeveral() {
    LocalCache cache = new LocalCache(home);
    assertThat(cache.onlyVolume()).isEmpty();
    cache.put(new VolumeInfo(1, "vault", "/backups/vault"));
    assertThat(cache.onlyVolume()).contains("vault");
    cache.put(new VolumeInfo(2, "offsite", "s3://bucket/offsite"));
    assertThat(cache.onlyVolume()).isEmpty();
  }
}
