package io.coffer.catalog.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.testing.CatalogTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest extends CatalogTestBase {

  @Test
  void everyChange_isRecordedWithWhoWhatAndTheResult() {
    basics();
    long id = definition("pg1", "sales").id();

    List<HistoryEntry> entries = catalog.history().list(null, 10);

    assertThat(entries).extracting(HistoryEntry::action)
        .containsExactly("definition add", "volume add", "node add", "agent add");
    assertThat(entries.get(0).result()).startsWith("ok: definition " + id + " scheduled");
    assertThat(entries.get(0).actor()).isEqualTo(System.getProperty("user.name"));
    assertThat(entries.get(2).subject()).isEqualTo("node pg1");
    assertThat(entries.get(2).detail()).contains("engine postgresql").contains("host 127.0.0.1");
  }

  @Test
  void aRefusedChange_isRecordedAsRejectedAfterTheRollback() {
    agent("b1");

    refused("agent", "b1", () -> catalog.agents().add(NewAgent.of("b1")));

    HistoryEntry last = catalog.history().list(null, 1).get(0);
    assertThat(last.action()).isEqualTo("agent add");
    assertThat(last.result()).startsWith("rejected: agent \"b1\" already exists");
    assertThat(catalog.agents().list()).hasSize(1);
  }

  @Test
  void theActor_comesFromTheSettings() {
    try (Catalog asAgent = Catalog.open(instance().settings().withActor("agent backup01"))) {
      asAgent.agents().add(NewAgent.of("backup01"));
    }

    assertThat(catalog.history().list(null, 1).get(0).actor()).isEqualTo("agent backup01");
  }

  @Test
  void readsAndHeartbeats_areNotRecorded() {
    agent("b1");
    catalog.agents().list();
    catalog.agents().show("b1");
    catalog.agents().heartbeat("b1", java.time.Duration.ofSeconds(30));

    assertThat(catalog.history().list(null, 10)).hasSize(1);
  }
}
