package io.coffer.engine.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.engine.Coffer;
import io.coffer.engine.EngineException;
import io.coffer.engine.TestHome;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.backup.BackupOutcome;
import io.coffer.engine.config.CofferConfig;
import io.coffer.repo.ProgressListener;
import io.coffer.source.SourceListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN rule 3: a backup runs while the catalog is unreachable, and its result is recorded later. */
class PendingResultsTest {

  @TempDir Path tmp;
  TestHome home;

  /** The same home, but the catalog is a PostgreSQL server on a port where nothing listens. */
  CofferConfig unreachable() {
    return home.config(Map.of("COFFER_CATALOG_URL", "jdbc:postgresql://127.0.0.1:1/coffer",
        "COFFER_CATALOG_USER", "coffer"));
  }

  @BeforeEach
  void setUp() throws IOException {
    home = new TestHome(tmp);
    home.setUp(1_000_000);
  }

  @Test
  void backupWithoutCatalog_writesPendingFile_replayedWhenTheCatalogIsBack() throws IOException {
    try (Coffer coffer = home.open()) {
      coffer.backups().run(BackupOrder.byHand("shop", "shop.db"), ProgressListener.NONE, SourceListener.NONE);
    }

    BackupOutcome offline;
    try (Coffer coffer = home.open(unreachable())) {
      offline = coffer.backups().run(BackupOrder.byHand("shop", "shop.db").volume("vault"), ProgressListener.NONE,
          SourceListener.NONE);
    }

    assertThat(offline.recorded()).isEmpty();
    Path pending = offline.pendingFile().orElseThrow();
    assertThat(pending).exists().startsWith(home.config().pendingDirectory());
    assertThat(offline.result().succeeded()).isTrue();

    try (Coffer coffer = home.open()) {
      List<Backup> backups = coffer.catalog().backups().list(BackupFilter.newest());
      assertThat(backups).hasSize(2).allMatch(b -> b.status() == BackupStatus.SUCCEEDED);
      assertThat(backups.get(0).manifestId()).isEqualTo(offline.result().manifestId());
      assertThat(backups.get(0).startedAt()).isEqualTo(offline.result().startedAt());
      assertThat(coffer.catalogLink().replay().orElseThrow().recorded()).hasSize(1);
    }
    assertThat(pending).doesNotExist();
  }

  @Test
  void replay_recordsEachPendingResultOnce() throws IOException {
    try (Coffer coffer = home.open()) {
      coffer.backups().run(BackupOrder.byHand("shop", "shop.db"), ProgressListener.NONE, SourceListener.NONE);
    }
    BackupOutcome offline;
    try (Coffer coffer = home.open(unreachable())) {
      offline = coffer.backups().run(BackupOrder.byHand("shop", "shop.db").volume("vault"), ProgressListener.NONE,
          SourceListener.NONE);
    }
    PendingResults results = new PendingResults(home.config().pendingDirectory());
    Path copy = results.save(offline.result());
    try (Coffer coffer = home.open()) {
      assertThat(coffer.catalog().backups().list(BackupFilter.newest())).hasSize(2);
    }
    assertThat(copy).doesNotExist();
  }

  @Test
  void nodeNeverSeen_cannotRunWithoutCatalog() {
    try (Coffer coffer = home.open(unreachable())) {
      assertThatThrownBy(() -> coffer.backups().run(BackupOrder.byHand("other", "x.db").volume("vault"),
          ProgressListener.NONE, SourceListener.NONE))
          .isInstanceOf(EngineException.class)
          .hasMessageContaining("the catalog is unreachable").hasMessageContaining("node other");
    }
  }
}
