package io.coffer.catalog.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupResult;
import io.coffer.catalog.backup.BackupStart;
import io.coffer.catalog.node.NewNode;
import io.coffer.catalog.schedule.RunOnceStatus;
import io.coffer.catalog.testing.CatalogTestBase;
import io.coffer.model.Engine;
import io.coffer.model.ExistingPolicy;
import io.coffer.model.Kind;
import io.coffer.model.RolePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestoreTest extends CatalogTestBase {

  private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

  @Test
  void aRestoreDefinition_keepsEveryOptionOfARestoreRun_andIsDueForItsAgentOnly() {
    basics();
    postgresNode("pg2");
    agent("b2");
    Backup backup = succeededBackup(definition("pg1", "sales"), "m-1");

    RestoreDefinition planned = catalog.restoreDefinitions().add(NewRestoreDefinition.of(backup.id(), "b1", "pg2")
        .timestamped().existing(ExistingPolicy.DROP).roles(RolePolicy.FAIL_ON_EXISTING).jobs(3).keepFailed()
        .runAt(T0));
    RestoreDefinition later = catalog.restoreDefinitions().add(NewRestoreDefinition.of(backup.id(), "b1", "pg2")
        .targetDatabase("sales_copy").runAt(T0.plusSeconds(60)));
    catalog.restoreDefinitions().add(NewRestoreDefinition.of(backup.id(), "b2", "pg2").runAt(T0));

    assertThat(catalog.restoreDefinitions().show(planned.id())).isEqualTo(planned);
    assertThat(planned.targetDatabase()).isEmpty();
    assertThat(planned.timestamped()).isTrue();
    assertThat(planned.existing()).isEqualTo(ExistingPolicy.DROP);
    assertThat(planned.roles()).isEqualTo(RolePolicy.FAIL_ON_EXISTING);
    assertThat(planned.jobs()).isEqualTo(3);
    assertThat(planned.keepFailed()).isTrue();
    assertThat(later.targetDatabase()).isEqualTo("sales_copy");
    assertThat(later.existing()).isEqualTo(ExistingPolicy.REFUSE);
    assertThat(later.roles()).isEqualTo(RolePolicy.REUSE_EXISTING);
    assertThat(later.jobs()).isZero();
    assertThat(catalog.restoreDefinitions().due("b1", T0)).containsExactly(planned);
  }

  @Test
  void aRestoreDefinition_isTakenOnce_thenFinishedWithItsReason() {
    basics();
    Backup backup = succeededBackup(definition("pg1", "sales"), "m-1");
    RestoreDefinition planned = catalog.restoreDefinitions().add(NewRestoreDefinition.of(backup.id(), "b1", "pg1")
        .targetDatabase("sales_copy").runAt(T0));

    assertThat(catalog.restoreDefinitions().take(planned.id())).isTrue();
    assertThat(catalog.restoreDefinitions().take(planned.id())).isFalse();
    assertThat(catalog.restoreDefinitions().due("b1", T0)).isEmpty();
    assertThat(catalog.restoreDefinitions().show(planned.id()).isRunning()).isTrue();
    refused("restore definition", Long.toString(planned.id()), () -> catalog.restoreDefinitions().remove(planned.id()));

    RestoreDefinition failed = catalog.restoreDefinitions().finish(planned.id(), RunOnceStatus.FAILED, "target exists");
    assertThat(failed.status()).isEqualTo(RunOnceStatus.FAILED);
    assertThat(failed.error()).isEqualTo("target exists");
    assertThat(failed.isRunning()).isFalse();
    refused("status", "WAITING", () -> catalog.restoreDefinitions().finish(planned.id(), RunOnceStatus.WAITING, ""));
    catalog.restoreDefinitions().remove(planned.id());
    assertThat(catalog.restoreDefinitions().list()).isEmpty();
  }

  @Test
  void aRestoreDefinition_isRefusedForAFailedBackupAnotherEngineOrBothNamings() {
    basics();
    catalog.nodes().add(NewNode.builder("maria", Engine.MARIADB).host("db3").build());
    Backup failed = catalog.backups().record(BackupStart.of("pg1", "v1", List.of("sales"), Kind.FULL),
        BackupResult.failed("boom"));
    Backup good = succeededBackup(definition("pg1", "sales"), "m-1");

    refused("backup", Long.toString(failed.id()),
        () -> catalog.restoreDefinitions().add(NewRestoreDefinition.of(failed.id(), "b1", "pg1")));
    refused("target-node", "maria",
        () -> catalog.restoreDefinitions().add(NewRestoreDefinition.of(good.id(), "b1", "maria")));
    refused("as-timestamped", "x",
        () -> catalog.restoreDefinitions().add(NewRestoreDefinition.of(good.id(), "b1", "pg1").targetDatabase("x")
            .timestamped()));
    refused("jobs", "-1", () -> NewRestoreDefinition.of(good.id(), "b1", "pg1").jobs(-1));
    assertThat(catalog.restoreDefinitions().list()).isEmpty();
  }

  @Test
  void aRestoreDefinitionOfAPhysicalBackup_keepsItsTablespaceMap_andABackupOfDatabasesRefusesOne() {
    basics();
    Backup physical = catalog.backups().record(BackupStart.of("pg1", "v1", List.of(), Kind.PHYSICAL),
        BackupResult.succeeded("m-3"));
    Backup full = succeededBackup(definition("pg1", "sales"), "m-1");
    TablespaceMap map = TablespaceMap.parse(List.of("fast=/srv/fast", "16390=/srv/slow/"));

    RestoreDefinition planned = catalog.restoreDefinitions().add(NewRestoreDefinition.of(physical.id(), "b1", "pg1")
        .files(new FilesTarget("/srv/pg1-copy", null, false, false, map)).runAt(T0));
    RestoreDefinition plain = catalog.restoreDefinitions().add(NewRestoreDefinition.of(physical.id(), "b1", "pg1")
        .runAt(T0));

    assertThat(catalog.restoreDefinitions().show(planned.id())).isEqualTo(planned);
    assertThat(planned.files().tablespaces().entries()).containsExactly(entry("16390", "/srv/slow"),
        entry("fast", "/srv/fast"));
    assertThat(planned.files().directory()).isEqualTo("/srv/pg1-copy");
    assertThat(plain.files().tablespaces()).isEqualTo(TablespaceMap.NONE);
    refused("tablespace-map", "fast=/srv/fast", () -> catalog.restoreDefinitions().add(
        NewRestoreDefinition.of(full.id(), "b1", "pg1").files(FilesTarget.NONE.withTablespaces(
            TablespaceMap.parse(List.of("fast=/srv/fast"))))));
  }

  @Test
  void aGroupBackup_isRestoredUnderItsOwnNames_notIntoOneTarget() {
    basics();
    Backup group = catalog.backups().record(BackupStart.of("pg1", "v1", List.of("a", "b"), Kind.FULL),
        BackupResult.succeeded("m-2"));

    refused("target-database", "a",
        () -> catalog.restoreDefinitions().add(NewRestoreDefinition.of(group.id(), "b1", "pg1").targetDatabase("a")));
    assertThat(catalog.restoreDefinitions().add(NewRestoreDefinition.of(group.id(), "b1", "pg1"))
        .targetDatabase()).isEmpty();
  }

  @Test
  void aRestore_isRecordedFromStartToFinishAndOutlivesItsBackup() {
    basics();
    Backup backup = catalog.backups().record(BackupStart.of("pg1", "v1", List.of("sales"), Kind.FULL),
        BackupResult.succeeded("m-1"));

    Restore running = catalog.restores().start(RestoreStart.of(backup.id(), "pg1", "sales_copy").agent("b1")
        .renamedExistingTo("sales_copy_20260501").startedAt(T0));
    Restore done = catalog.restores().finish(running.id(), RestoreResult.succeeded(4096)
        .roles(List.of("sales_owner")).versions("15.20", "pg_restore 15.20").finishedAt(T0.plusSeconds(30)));

    assertThat(done.status()).isEqualTo(RestoreStatus.SUCCEEDED);
    assertThat(done.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(done.manifestId()).isEqualTo("m-1");
    assertThat(catalog.restores().list(10)).containsExactly(done);
    refused("restore", Long.toString(done.id()), () -> catalog.restores().finish(done.id(), RestoreResult.failed("x")));

    catalog.backups().remove(backup.id());
    Restore kept = catalog.restores().show(done.id());
    assertThat(kept.backupId()).isNull();
    assertThat(kept.manifestId()).isEqualTo("m-1");
  }
}
