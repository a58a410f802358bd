package io.coffer.engine.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.LevelPlan;
import io.coffer.catalog.definition.NewDefinition;
import io.coffer.catalog.history.HistoryEntry;
import io.coffer.catalog.retention.Redundancy;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.engine.Coffer;
import io.coffer.engine.TestHome;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.demo.SampleDatabase;
import io.coffer.engine.restore.RestoreOrder;
import io.coffer.repo.BlobId;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.Volume;
import io.coffer.repo.backend.LocalBackend;
import io.coffer.repo.index.MasterIndex;
import io.coffer.repo.manifest.Entry;
import io.coffer.source.SourceListener;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention end to end on a real volume and catalog, with SQLite nodes (the cheapest real backups):
 * the volume loses exactly what the removed backups alone held, and what stays reads back whole.
 */
class RetentionServiceTest {

  @TempDir Path tmp;
  TestHome home;

  @BeforeEach
  void setUp() throws IOException {
    home = new TestHome(tmp);
    // Small enough that every stream lists its chunk ids inline in the manifest (≤ 64 chunks).
    home.setUp(200_000);
  }

  @Test
  void apply_removesExpiredBackups_andThePruneFreesExactlyWhatTheyAloneHeld() throws Exception {
    List<Backup> backups;
    Definition definition;
    try (Coffer coffer = home.open()) {
      coffer.catalog().agents().add(NewAgent.of("backup01"));
      definition = coffer.catalog().definitions().add(NewDefinition.of("backup01", "shop", "vault",
              DatabaseSelector.of("shop.db")).levels(LevelPlan.parse("0,1")).retention(RetentionPeriod.parse("7 days"))
          .redundancy(new Redundancy(1)));
      // Levels 0, 1, 0, 1: the newest level 1 builds on the second level 0.
      for (int run = 0; run < 4; run++) {
        SampleDatabase.ofSize(7, 200_000).ship(home.data.resolve("shop.db"), 0.05);
        coffer.backups().run(BackupOrder.ofDefinition(definition.id()), ProgressListener.NONE, SourceListener.NONE);
      }
      backups = new ArrayList<>(coffer.catalog().backups().list(BackupFilter.newest().definition(definition.id())));
      Collections.reverse(backups);
    }
    assertThat(backups).extracting(Backup::level).containsExactly(0, 1, 0, 1);
    age(backups, 30, 20, 10, 1);

    Map<String, Set<BlobId>> references = references(backups);
    Set<BlobId> keptReferences = new HashSet<>(references.get(backups.get(2).manifestId()));
    keptReferences.addAll(references.get(backups.get(3).manifestId()));
    Set<BlobId> aloneHeld = new HashSet<>(references.get(backups.get(0).manifestId()));
    aloneHeld.addAll(references.get(backups.get(1).manifestId()));
    aloneHeld.removeAll(keptReferences);
    assertThat(aloneHeld).as("the removed backups hold data of their own").isNotEmpty();
    Map<BlobId, Integer> before = indexed();

    try (Coffer coffer = home.open()) {
      RetentionOrder order = RetentionOrder.ofDefinition(definition.id()).repackBelow(1.0);
      RetentionReport dry = coffer.retention().apply(order.dryRun(true), ProgressListener.NONE);
      assertThat(dry.removed()).extracting(RetentionReport.Removed::backup, RetentionReport.Removed::reason)
          .containsExactly(
              tuple(backups.get(1).id(), "older than 7 days and beyond the newest 1"),
              tuple(backups.get(0).id(), "older than 7 days and beyond the newest 1"));
      assertThat(dry.kept()).extracting(RetentionReport.Kept::reason)
          .containsExactly("not yet older than 7 days", "level 1 backup " + backups.get(3).id() + " builds on it");
      assertThat(indexed()).as("a dry run changes nothing").isEqualTo(before);
      assertThat(coffer.catalog().backups().list(BackupFilter.newest())).hasSize(4);

      RetentionReport real = coffer.retention().apply(order, ProgressListener.NONE);
      assertThat(real.complete()).isTrue();
      assertThat(real.removed()).isEqualTo(dry.removed());
      assertThat(real.volumes()).singleElement().satisfies(v -> {
        assertThat(v.forgotten()).isEqualTo(2);
        assertThat(v.prune().bytesFreed()).as("the dry run said what the prune frees")
            .isEqualTo(dry.volumes().get(0).prune().bytesFreed()).isPositive();
      });
      assertThat(coffer.catalog().backups().list(BackupFilter.newest())).extracting(Backup::id)
          .containsExactly(backups.get(3).id(), backups.get(2).id());
      List<HistoryEntry> history = coffer.catalog().history().list(null, 20).stream()
          .filter(h -> h.action().equals("retention remove")).toList();
      assertThat(history).extracting(HistoryEntry::subject, HistoryEntry::detail).containsExactlyInAnyOrder(
          tuple("backup " + backups.get(0).id(), "older than 7 days and beyond the newest 1"),
          tuple("backup " + backups.get(1).id(), "older than 7 days and beyond the newest 1"));

      Map<BlobId, Integer> after = indexed();
      Map<BlobId, Integer> expected = new HashMap<>(before);
      expected.keySet().removeAll(aloneHeld);
      assertThat(after).as("the volume lost exactly what the removed backups alone held").isEqualTo(expected);
      try (Volume volume = openVolume()) {
        assertThat(volume.check(true, ProgressListener.NONE).ok()).isTrue();
        assertThat(volume.backups()).hasSize(2);
      }
      coffer.restores().run(RestoreOrder.of(backups.get(3).id(), "shop").targetDatabase("copy.db"),
          SourceListener.NONE, ProgressListener.NONE);
      assertThat(coffer.nodes().contents("shop", "copy.db")).isEqualTo(coffer.nodes().contents("shop", "shop.db"));
    }
  }

  /** Moves the backups' times into the past, as if they had run that many days ago. */
  private void age(List<Backup> backups, int... daysAgo) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.config().catalogFile());
        PreparedStatement update = c.prepareStatement(
            "update backup set started_at = ?, finished_at = ? where id = ?")) {
      for (int i = 0; i < backups.size(); i++) {
        Instant started = Instant.now().minus(Duration.ofDays(daysAgo[i]));
        update.setLong(1, started.toEpochMilli());
        update.setLong(2, started.plusSeconds(1).toEpochMilli());
        update.setLong(3, backups.get(i).id());
        update.executeUpdate();
      }
    }
  }

  /** The data blobs each backup's manifest names. */
  private Map<String, Set<BlobId>> references(List<Backup> backups) throws IOException {
    Map<String, Set<BlobId>> out = new HashMap<>();
    try (Volume volume = openVolume()) {
      for (Backup b : backups) {
        Set<BlobId> ids = new HashSet<>();
        for (Entry e : volume.manifest(b.manifestId()).entries()) {
          assertThat(e.isTree()).isFalse();
          assertThat(e.content().isInline()).as("stream %s lists its ids inline", e.name()).isTrue();
          e.content().ids().forEach(id -> ids.add(BlobId.parse(id)));
        }
        out.put(b.manifestId(), ids);
      }
    }
    return out;
  }

  private Map<BlobId, Integer> indexed() throws IOException {
    return indexed(home.volume);
  }

  /** Every blob the index of the volume at {@code location} names, with its length. */
  static Map<BlobId, Integer> indexed(Path location) throws IOException {
    Map<BlobId, Integer> out = new HashMap<>();
    try (Volume volume = Volume.open(new LocalBackend(location), TestHome.PASSPHRASE.toCharArray())) {
      MasterIndex index = volume.index();
      for (int r = 0; r < index.blobCount(); r++) {
        out.put(index.id(r), index.location(r).length());
      }
    }
    return out;
  }

  private Volume openVolume() throws IOException {
    return Volume.open(new LocalBackend(home.volume), TestHome.PASSPHRASE.toCharArray());
  }
}
