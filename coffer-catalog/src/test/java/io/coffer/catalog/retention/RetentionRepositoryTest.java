package io.coffer.catalog.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupResult;
import io.coffer.catalog.backup.BackupStart;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.history.HistoryEntry;
import io.coffer.catalog.restore.NewRestoreDefinition;
import io.coffer.catalog.testing.CatalogTestBase;
import io.coffer.model.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionRepositoryTest extends CatalogTestBase {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void candidates_newestFirst_withOwnExpireParentAndWhatDependsOnThem() {
    basics();
    Definition definition = definition("pg1", "sales");
    Backup full = backup(definition, 0, null, 0, null, true);
    Backup failed = backup(definition, 1, full.id(), 1, null, false);
    Backup incremental = backup(definition, 1, full.id(), 2, "1w 3d", true);
    Backup byHand = backup(null, 2, incremental.id(), 3, "1d", true);
    backup(null, 0, null, 4, null, true);
    long restore = catalog.restoreDefinitions().add(NewRestoreDefinition.of(full.id(), "b1", "pg1")).id();

    List<RetentionCandidate> candidates = catalog.retention().ofDefinition(definition.id());

    assertThat(candidates).extracting(RetentionCandidate::id).containsExactly(incremental.id(), failed.id(), full.id());
    RetentionCandidate newest = candidates.get(0);
    assertThat(newest.expire()).contains(Expire.parse("1w 3d"));
    assertThat(newest.parentId()).isEqualTo(full.id());
    assertThat(newest.level()).isEqualTo(1);
    assertThat(newest.outsideChildren()).containsExactly(byHand.id());
    assertThat(newest.volume()).isEqualTo("v1");
    assertThat(newest.manifestId()).isEqualTo(incremental.manifestId());
    assertThat(candidates.get(1).status()).isEqualTo(BackupStatus.FAILED);
    assertThat(candidates.get(1).manifestId()).isNull();
    assertThat(candidates.get(2).waitingRestores()).containsExactly(restore);
    assertThat(candidates.get(2).outsideChildren()).as("children of the same definition are inside").isEmpty();
    assertThat(candidates.get(2).expire()).isEqualTo(Optional.empty());

    assertThat(catalog.retention().byHandWithExpire()).extracting(RetentionCandidate::id).containsExactly(byHand.id());
  }

  @Test
  void remove_recordsTheReason_andRefusesWhatSomethingDependsOn() {
    basics();
    Definition definition = definition("pg1", "sales");
    Backup full = backup(definition, 0, null, 0, null, true);
    Backup incremental = backup(definition, 1, full.id(), 1, null, true);
    long restore = catalog.restoreDefinitions().add(NewRestoreDefinition.of(incremental.id(), "b1", "pg1")).id();

    var waiting = refused("backup", Long.toString(incremental.id()),
        () -> catalog.retention().remove(incremental.id(), "older than 7 days", false));
    assertThat(waiting.getMessage()).contains("restore definitions [" + restore + "], which are WAITING")
        .contains("force");
    var child = refused("backup", Long.toString(full.id()),
        () -> catalog.retention().remove(full.id(), "older than 7 days", true));
    assertThat(child.getMessage()).contains("incremental backups " + incremental.id());

    var removal = catalog.retention().remove(incremental.id(), "older than 7 days and beyond the newest 1", true);
    assertThat(removal.backups()).singleElement().satisfies(b -> {
      assertThat(b.id()).isEqualTo(incremental.id());
      assertThat(b.manifestId()).isEqualTo(incremental.manifestId());
    });
    assertThat(removal.restoreDefinitions()).containsExactly(restore);
    catalog.retention().remove(full.id(), "older than 7 days and beyond the newest 1", false);
    assertThat(catalog.retention().ofDefinition(definition.id())).isEmpty();

    List<HistoryEntry> removals = catalog.history().list(null, 50).stream()
        .filter(h -> h.action().equals("retention remove")).toList();
    assertThat(removals).extracting(HistoryEntry::subject, HistoryEntry::result).containsExactly(
        tuple("backup " + full.id(), "ok: 1 backups forgotten, 0 restore definitions removed"),
        tuple("backup " + incremental.id(), "ok: 1 backups forgotten, 1 restore definitions removed"),
        tuple("backup " + full.id(), "rejected: " + child.getMessage()),
        tuple("backup " + incremental.id(), "rejected: " + waiting.getMessage()));
    assertThat(removals.get(1).detail()).isEqualTo("older than 7 days and beyond the newest 1");
  }

  private Backup backup(Definition definition, int level, Long parent, int day, String expire, boolean succeeded) {
    Instant started = T0.plusSeconds(86_400L * day);
    BackupStart start = BackupStart.of("pg1", "v1", List.of("sales"), Kind.FULL).level(level, parent).startedAt(started);
    if (definition != null) {
      start.definition(definition.id());
    }
    if (expire != null) {
      start.expire(Expire.parse(expire));
    }
    BackupResult result = succeeded ? BackupResult.succeeded("m" + day) : BackupResult.failed("connection refused");
    return catalog.backups().record(start, result.finishedAt(started.plusSeconds(60)));
  }
}
