package io.coffer.catalog.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.model.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupBuilderTest {

  private static final Instant STARTED = Instant.parse("2026-12-04T03:47:44Z");

  @Test
  void eachNamedPart_landsInItsComponent() {
    Backup backup = Backup.of(7, "pg1", "vol1", Kind.FULL).definition(3L).oneoff(4L).agent("vm")
        .databases(List.of("a", "b")).manifest("m1").level(1, 6L).startedAt(STARTED)
        .finishedAt(STARTED.plusSeconds(9)).duration(Duration.ofSeconds(9)).bytesRead(100).bytesNew(20).bytesStored(5)
        .status(BackupStatus.SUCCEEDED).error("none").logTail("tail").expiresAt(STARTED.plusSeconds(99))
        .checksum("sum").serverVersion("PostgreSQL 15").toolVersion("pg_dump 15").roles(List.of("r"))
        .verification("PASSED").build();

    assertThat(backup).isEqualTo(new Backup(7, 3L, 4L, "pg1", "vm", "vol1", List.of("a", "b"), Kind.FULL, "m1", 1, 6L,
        STARTED, STARTED.plusSeconds(9), Duration.ofSeconds(9), 100, 20, 5, BackupStatus.SUCCEEDED, "none", "tail",
        STARTED.plusSeconds(99), "sum", "PostgreSQL 15", "pg_dump 15", List.of("r"), "PASSED"));
  }

  @Test
  void unsetParts_areAbsent_listsEmpty_andNeverVerified() {
    Backup running = Backup.of(8, "pg1", "vol1", Kind.CLUSTER).status(BackupStatus.RUNNING).startedAt(STARTED).build();

    assertThat(running.definitionId()).isNull();
    assertThat(running.parentId()).isNull();
    assertThat(running.finishedAt()).isNull();
    assertThat(running.onDiskUntil()).isEmpty();
    assertThat(running.databases()).isEmpty();
    assertThat(running.roles()).isEmpty();
    assertThat(running.verification()).isEmpty();
    assertThat(running.level()).isZero();
  }

  @Test
  void aBackupWithoutStatus_isNotBuilt() {
    assertThatThrownBy(() -> Backup.of(9, "pg1", "vol1", Kind.FULL).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("backup 9 has no status");
  }
}
