package io.coffer.catalog.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.NewDefinition;
import io.coffer.catalog.node.NodeStatus;
import io.coffer.catalog.node.NodeUpdate;
import io.coffer.catalog.restore.NewRestoreDefinition;
import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.catalog.testing.CatalogTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupRepositoryTest extends CatalogTestBase {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void startAndFinish_recordEverythingShowNeeds() {
    basics();
    Definition definition = definition("pg1", "sales");
    Instant started = Instant.parse("2026-03-01T01:00:00Z");

    Backup running = catalog.backups().start(BackupStart.of("pg1", "v1", List.of("sales"), Kind.FULL)
        .definition(definition.id()).agent("b1").startedAt(started));
    assertThat(running.status()).isEqualTo(BackupStatus.RUNNING);
    assertThat(running.onDiskUntil()).isEmpty();

    Backup done = catalog.backups().finish(running.id(), BackupResult.succeeded("3f2a")
        .bytes(10_000, 2_000, 800).checksum("sha256:abc").versions("15.20", "pg_dump 15.20")
        .roles(List.of("sales_owner", "sales_ro")).logTail("done").finishedAt(started.plusSeconds(90)));

    assertThat(catalog.backups().show(running.id())).isEqualTo(done);
    assertThat(done.status()).isEqualTo(BackupStatus.SUCCEEDED);
    assertThat(done.manifestId()).isEqualTo("3f2a");
    assertThat(done.duration()).isEqualTo(Duration.ofSeconds(90));
    assertThat(done.roles()).containsExactly("sales_owner", "sales_ro");
    assertThat(done.node()).isEqualTo("pg1");
    assertThat(done.agent()).isEqualTo("b1");
    assertThat(done.onDiskUntil()).contains(RetentionPeriod.parse("7 days").after(started.plusSeconds(90)));
  }

  @Test
  void anExpire_overridesTheRetentionPeriodForOnDiskUntil() {
    basics();
    Backup running = catalog.backups().start(BackupStart.of("pg1", "v1", List.of("sales"), Kind.FULL)
        .expire(Expire.parse("1w 3d")).startedAt(T0));

    Backup done = catalog.backups().finish(running.id(), BackupResult.succeeded("m").finishedAt(T0.plusSeconds(60)));

    assertThat(done.onDiskUntil()).contains(T0.plusSeconds(60).plus(Duration.ofDays(10)));
  }

  @Test
  void aManualBackupOfADownNode_isRefused() {
    basics();
    catalog.nodes().update("pg1", new NodeUpdate().status(NodeStatus.DOWN));

    var error = refused("node", "pg1",
        () -> catalog.backups().start(BackupStart.of("pg1", "v1", List.of("sales"), Kind.FULL)));

    assertThat(error.getMessage()).contains("node pg1 is DOWN").contains("a RUNNING node");
  }

  @Test
  void record_storesAFinishedBackupEvenForADownNode() {
    basics();
    catalog.nodes().update("pg1", new NodeUpdate().status(NodeStatus.DOWN));

    Backup backup = catalog.backups().record(BackupStart.of("pg1", "v1", List.of("sales"), Kind.FULL).startedAt(T0),
        BackupResult.failed("connection refused").finishedAt(T0.plusSeconds(5)));

    assertThat(backup.status()).isEqualTo(BackupStatus.FAILED);
    assertThat(backup.error()).isEqualTo("connection refused");
    assertThat(backup.onDiskUntil()).isEmpty();
  }

  @Test
  void anIncremental_needsASucceededParentOfALowerLevelOnTheSameNode() {
    basics();
    Definition definition = definition("pg1", "sales");
    Backup full = succeededBackup(definition, "m-0");

    refused("parent", "null", () -> catalog.backups().start(
        BackupStart.of("pg1", "v1", List.of("sales"), Kind.FULL).level(1, null)));
    Backup incremental = catalog.backups().start(
        BackupStart.of("pg1", "v1", List.of("sales"), Kind.FULL).definition(definition.id()).level(1, full.id()));
    refused("parent", Long.toString(incremental.id()), () -> catalog.backups().start(
        BackupStart.of("pg1", "v1", List.of("sales"), Kind.FULL).level(2, incremental.id())));
    assertThat(catalog.backups().parentFor(definition.id(), 1)).map(Backup::id).contains(full.id());
  }

  @Test
  void aBackupForADefinitionOfAnotherNode_isRefused() {
    basics();
    postgresNode("pg2");
    Definition definition = definition("pg1", "sales");

    refused("definition", Long.toString(definition.id()), () -> catalog.backups().start(
        BackupStart.of("pg2", "v1", List.of("sales"), Kind.FULL).definition(definition.id())));
  }

  @Test
  void theSameManifestTwiceInOneVolume_isRefused() {
    basics();
    Definition definition = definition("pg1", "sales");
    succeededBackup(definition, "m-1");
    Backup running = catalog.backups().start(BackupStart.of("pg1", "v1", List.of("sales"), Kind.FULL));

    refused("manifest-id", "m-1", () -> catalog.backups().finish(running.id(), BackupResult.succeeded("m-1")));
  }

  @Test
  void finishingABackupTwice_isRefused() {
    basics();
    Backup backup = succeededBackup(definition("pg1", "sales"), "m-1");

    refused("backup", Long.toString(backup.id()),
        () -> catalog.backups().finish(backup.id(), BackupResult.failed("late")));
  }

  @Test
  void list_returnsNewestFirstWithFilters() {
    basics();
    postgresNode("pg2");
    Definition sales = definition("pg1", "sales");
    Backup old = recorded("pg1", List.of("sales"), sales.id(), T0, BackupStatus.SUCCEEDED);
    Backup failed = recorded("pg1", List.of("sales"), sales.id(), T0.plusSeconds(3600), BackupStatus.FAILED);
    Backup group = recorded("pg1", List.of("hr", "sales_eu"), null, T0.plusSeconds(7200), BackupStatus.SUCCEEDED);
    Backup other = recorded("pg2", List.of("sales"), null, T0.plusSeconds(10800), BackupStatus.SUCCEEDED);

    assertThat(ids(BackupFilter.newest())).containsExactly(other.id(), group.id(), failed.id(), old.id());
    assertThat(ids(BackupFilter.newest().node("pg1"))).containsExactly(group.id(), failed.id(), old.id());
    assertThat(ids(BackupFilter.newest().node("pg1").limit(2))).containsExactly(group.id(), failed.id());
    assertThat(ids(BackupFilter.newest().definition(sales.id()))).containsExactly(failed.id(), old.id());
    assertThat(ids(BackupFilter.newest().status(BackupStatus.FAILED))).containsExactly(failed.id());
    assertThat(ids(BackupFilter.newest().since(T0.plusSeconds(3600)).node("pg1"))).containsExactly(group.id(), failed.id());
    assertThat(ids(BackupFilter.newest().database("sales"))).containsExactly(other.id(), failed.id(), old.id());
    assertThat(ids(BackupFilter.newest().database("sales_eu"))).containsExactly(group.id());
    assertThat(ids(BackupFilter.newest().database("sales_"))).isEmpty();
  }

  @Test
  void list_withAnUnknownNodeOrDefinition_isRefused() {
    basics();

    refused("node", "pg9", () -> catalog.backups().list(BackupFilter.newest().node("pg9")));
    refused("definition", "77", () -> catalog.backups().list(BackupFilter.newest().definition(77)));
    refused("limit", "0", () -> BackupFilter.newest().limit(0));
  }

  @Test
  void stats_countByStatusAndKindAndSumOnlySucceededBackups() {
    basics();
    agent("b2");
    postgresNode("pg2");
    catalog.backups().record(BackupStart.of("pg1", "v1", List.of("a"), Kind.FULL).agent("b1").startedAt(T0),
        BackupResult.succeeded("m1").bytes(1000, 500, 250).finishedAt(T0.plusSeconds(10)));
    catalog.backups().record(BackupStart.of("pg1", "v1", List.of("a"), Kind.SCHEMA).agent("b1").startedAt(T0.plusSeconds(100)),
        BackupResult.succeeded("m2").bytes(3000, 500, 250).finishedAt(T0.plusSeconds(130)));
    catalog.backups().record(BackupStart.of("pg1", "v1", List.of("a"), Kind.FULL).agent("b1").startedAt(T0.plusSeconds(200)),
        BackupResult.failed("disk full").bytes(99, 99, 99).finishedAt(T0.plusSeconds(201)));
    catalog.backups().record(BackupStart.of("pg2", "v1", List.of("b"), Kind.DATA).agent("b2").startedAt(T0.plusSeconds(300)),
        BackupResult.succeeded("m3").bytes(2000, 1000, 500).finishedAt(T0.plusSeconds(320)));

    BackupTotals global = catalog.backups().stats(StatsScope.global());
    assertThat(global.backups()).isEqualTo(4);
    assertThat(global.byStatus()).containsEntry(BackupStatus.SUCCEEDED, 3L).containsEntry(BackupStatus.FAILED, 1L);
    assertThat(global.byKind()).containsEntry(Kind.FULL, 2L).containsEntry(Kind.SCHEMA, 1L).containsEntry(Kind.DATA, 1L);
    assertThat(global.bytesRead()).isEqualTo(6000);
    assertThat(global.bytesNew()).isEqualTo(2000);
    assertThat(global.bytesStored()).isEqualTo(1000);
    assertThat(global.dedupRatio()).isEqualTo(3.0);
    assertThat(global.reductionRatio()).isEqualTo(6.0);
    assertThat(global.oldest()).contains(T0);
    assertThat(global.newest()).contains(T0.plusSeconds(300));
    assertThat(global.totalDuration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(global.averageDuration()).contains(Duration.ofSeconds(20));

    BackupTotals node = catalog.backups().stats(StatsScope.node("pg1"));
    assertThat(node.backups()).isEqualTo(3);
    assertThat(node.bytesRead()).isEqualTo(4000);
    assertThat(node.newest()).contains(T0.plusSeconds(100));
    BackupTotals agent = catalog.backups().stats(StatsScope.agent("b2"));
    assertThat(agent.backups()).isEqualTo(1);
    assertThat(agent.byKind()).containsOnlyKeys(Kind.DATA);
    assertThat(agent.oldest()).contains(T0.plusSeconds(300));
  }

  @Test
  void stats_followBackupsAsTheyFinishAndLeave() {
    basics();
    Definition definition = definition("pg1", "sales");
    Backup running = catalog.backups().start(BackupStart.of("pg1", "v1", List.of("sales"), Kind.FULL)
        .definition(definition.id()).agent("b1").startedAt(T0));
    assertThat(catalog.backups().stats(StatsScope.agent("b1")).byStatus()).containsOnly(
        java.util.Map.entry(BackupStatus.RUNNING, 1L));

    catalog.backups().finish(running.id(), BackupResult.succeeded("m").bytes(10, 5, 2).finishedAt(T0.plusSeconds(4)));
    BackupTotals finished = catalog.backups().stats(StatsScope.node("pg1"));
    assertThat(finished.byStatus()).containsOnly(java.util.Map.entry(BackupStatus.SUCCEEDED, 1L));
    assertThat(finished.bytesStored()).isEqualTo(2);
    assertThat(finished.totalDuration()).isEqualTo(Duration.ofSeconds(4));

    catalog.agents().update("b1", new io.coffer.catalog.agent.AgentUpdate().remarks("unchanged totals"));
    catalog.definitions().remove(definition.id(), true);
    BackupTotals empty = catalog.backups().stats(StatsScope.global());
    assertThat(empty.backups()).isZero();
    assertThat(empty.bytesRead()).isZero();
    assertThat(empty.newest()).isEmpty();
  }

  @Test
  void stats_ofAnEmptyCatalogAreZero() {
    BackupTotals stats = catalog.backups().stats(StatsScope.global());

    assertThat(stats.backups()).isZero();
    assertThat(stats.dedupRatio()).isZero();
    assertThat(stats.oldest()).isEmpty();
    assertThat(stats.averageDuration()).isEmpty();
  }

  @Test
  void remove_returnsTheBackupToForgetUnlessSomethingBuildsOnIt() {
    basics();
    Definition definition = definition("pg1", "sales");
    Backup full = succeededBackup(definition, "m-0");
    Backup incremental = catalog.backups().record(BackupStart.of("pg1", "v1", List.of("sales"), Kind.FULL)
        .definition(definition.id()).level(1, full.id()), BackupResult.succeeded("m-1"));
    long restore = catalog.restoreDefinitions().add(NewRestoreDefinition.of(incremental.id(), "b1", "pg1")).id();

    var error = refused("backup", Long.toString(full.id()), () -> catalog.backups().remove(full.id()));
    assertThat(error.getMessage()).contains("incremental backups " + incremental.id());
    error = refused("backup", Long.toString(incremental.id()), () -> catalog.backups().remove(incremental.id()));
    assertThat(error.getMessage()).contains("restore definitions " + restore);

    catalog.restoreDefinitions().remove(restore);
    Removal removal = catalog.backups().remove(incremental.id());
    assertThat(removal.backups()).extracting(ForgottenBackup::manifestId).containsExactly("m-1");
    assertThat(catalog.backups().remove(full.id()).backups()).extracting(ForgottenBackup::id).containsExactly(full.id());
  }

  @Test
  void aRunningBackup_blocksForcedRemovalOfItsDefinition() {
    basics();
    Definition definition = catalog.definitions().add(NewDefinition.of("b1", "pg1", "v1", DatabaseSelector.of("sales")));
    Backup running = catalog.backups().start(
        BackupStart.of("pg1", "v1", List.of("sales"), Kind.FULL).definition(definition.id()));

    var error = refused("definition", Long.toString(definition.id()),
        () -> catalog.definitions().remove(definition.id(), true));

    assertThat(error.getMessage()).contains("backup " + running.id() + ", which is RUNNING");
  }

  private Backup recorded(String node, List<String> databases, Long definition, Instant started, BackupStatus status) {
    BackupStart start = BackupStart.of(node, "v1", databases, Kind.FULL).startedAt(started);
    if (definition != null) {
      start.definition(definition);
    }
    BackupResult result = status == BackupStatus.SUCCEEDED
        ? BackupResult.succeeded("m-" + started.getEpochSecond() + node) : BackupResult.failed("boom");
    return catalog.backups().record(start, result.finishedAt(started.plusSeconds(60)));
  }

  private List<Long> ids(BackupFilter filter) {
    return catalog.backups().list(filter).stream().map(Backup::id).toList();
  }
}
