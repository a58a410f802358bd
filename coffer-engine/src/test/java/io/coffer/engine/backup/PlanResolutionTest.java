package io.coffer.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.definition.LevelPlan;
import io.coffer.catalog.definition.NewDefinition;
import io.coffer.engine.Coffer;
import io.coffer.engine.TestHome;
import io.coffer.engine.demo.SampleDatabase;
import io.coffer.repo.ProgressListener;
import io.coffer.source.SourceListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the engine turns an order into a plan against the catalog: which level a definition's next run
 * takes from its level plan, and which backup an incremental builds on. Run through the engine's
 * {@link BackupService} on an SQLite catalog and node; every plan is also carried out, and the
 * recorded backup must be what was planned.
 */
class PlanResolutionTest {

  @TempDir Path tmp;
  TestHome home;

  @BeforeEach
  void setUp() throws IOException {
    home = new TestHome(tmp);
    home.setUp(200_000);
  }

  @Test
  void aDefinitionsLevelPlan_cycles_andEachIncrementalBuildsOnTheNewestBackupOfALowerLevel() {
    try (Coffer coffer = home.open()) {
      long definition = definition(coffer, "shop.db", "0,1,2,1");
      List<Backup> runs = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        runs.add(runAsPlanned(coffer, BackupOrder.ofDefinition(definition)));
      }
      assertThat(runs).extracting(Backup::level).containsExactly(0, 1, 2, 1, 0);
      assertThat(runs).extracting(Backup::parentId)
          .containsExactly(null, runs.get(0).id(), runs.get(1).id(), runs.get(0).id(), null);
      assertThat(runs).extracting(Backup::definitionId).containsOnly(definition);
    }
  }

  @Test
  void aFailedRun_doesNotAdvanceTheLevelPlan() throws IOException {
    long definition;
    Backup full;
    try (Coffer coffer = home.open()) {
      definition = definition(coffer, "shop.db", "0,1");
      full = runAsPlanned(coffer, BackupOrder.ofDefinition(definition));
    }
    // A process keeps a volume open once it has opened it, so the next one finds it unreadable.
    Path config = home.volume.resolve("config");
    Path aside = Files.move(config, home.root.resolve("config.aside"));
    try (Coffer coffer = home.open()) {
      assertThatThrownBy(() -> run(coffer, BackupOrder.ofDefinition(definition))).isInstanceOf(BackupFailedException.class);
      Backup failed = coffer.catalog().backups().list(BackupFilter.newest()).get(0);
      assertThat(failed.status()).isEqualTo(BackupStatus.FAILED);
      assertThat(failed.level()).isEqualTo(1);
    }
    Files.move(aside, config);
    try (Coffer coffer = home.open()) {
      Backup incremental = runAsPlanned(coffer, BackupOrder.ofDefinition(definition));
      assertThat(incremental.level()).isEqualTo(1);
      assertThat(incremental.parentId()).isEqualTo(full.id());
      assertThat(coffer.backups().plan(BackupOrder.ofDefinition(definition)).level()).isZero();
    }
  }

  @Test
  void anIncrementalByHand_buildsOnTheNewestLowerLevelOfTheSameDatabases_neverOnADefinitionsBackup() throws IOException {
    SampleDatabase.ofSize(8, 100_000).create(home.data.resolve("other.db"));
    try (Coffer coffer = home.open()) {
      long definition = definition(coffer, "shop.db", "0");
      runAsPlanned(coffer, BackupOrder.byHand("shop", "other.db"));
      Backup full = runAsPlanned(coffer, BackupOrder.byHand("shop", "shop.db"));
      Backup ofTheDefinition = runAsPlanned(coffer, BackupOrder.ofDefinition(definition));
      runAsPlanned(coffer, BackupOrder.byHand("shop", "other.db"));

      Backup one = runAsPlanned(coffer, BackupOrder.byHand("shop", "shop.db").level(1));
      Backup two = runAsPlanned(coffer, BackupOrder.byHand("shop", "shop.db").level(2));
      Backup anotherOne = runAsPlanned(coffer, BackupOrder.byHand("shop", "shop.db").level(1));

      assertThat(ofTheDefinition.startedAt()).isAfter(full.startedAt());
      assertThat(one.parentId()).isEqualTo(full.id());
      assertThat(two.parentId()).isEqualTo(one.id());
      assertThat(anotherOne.parentId()).as("a level 1 builds on a level 0, not on the newer level 2").isEqualTo(full.id());
    }
  }

  @Test
  void anExplicitLevel_overridesThePlan_withinZeroToNine() {
    try (Coffer coffer = home.open()) {
      long definition = definition(coffer, "shop.db", "0");
      Backup full = runAsPlanned(coffer, BackupOrder.ofDefinition(definition));
      Backup forced = runAsPlanned(coffer, BackupOrder.ofDefinition(definition).level(3));
      assertThat(forced.level()).isEqualTo(3);
      assertThat(forced.parentId()).isEqualTo(full.id());

      assertThatThrownBy(() -> coffer.backups().plan(BackupOrder.ofDefinition(definition).level(10)))
          .isInstanceOf(CatalogValidationException.class)
          .hasMessageContaining("level \"10\"").hasMessageContaining("0 (full) to 9");
      assertThat(coffer.catalog().backups().list(BackupFilter.newest())).hasSize(2);
    }
  }

  /** Plans the order, runs it, and requires the recorded backup to be the one planned. */
  private static Backup runAsPlanned(Coffer coffer, BackupOrder order) {
    BackupPlan plan = coffer.backups().plan(order);
    Backup backup = run(coffer, order);
    assertThat(backup.status()).isEqualTo(BackupStatus.SUCCEEDED);
    assertThat(backup.level()).as("recorded level").isEqualTo(plan.level());
    assertThat(backup.parentId()).as("recorded parent").isEqualTo(plan.parentId());
    assertThat(backup.definitionId()).isEqualTo(plan.definitionId());
    return backup;
  }

  private static Backup run(Coffer coffer, BackupOrder order) {
    return coffer.backups().run(order, ProgressListener.NONE, SourceListener.NONE).recorded().orElseThrow();
  }

  private static long definition(Coffer coffer, String database, String levels) {
    if (coffer.catalog().agents().list().stream().noneMatch(a -> a.name().equals("backup01"))) {
      coffer.catalog().agents().add(NewAgent.of("backup01"));
    }
    return coffer.catalog().definitions().add(NewDefinition.of("backup01", "shop", "vault", DatabaseSelector.of(database))
        .levels(LevelPlan.parse(levels))).id();
  }
}
