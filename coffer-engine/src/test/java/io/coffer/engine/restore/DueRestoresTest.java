package io.coffer.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.restore.NewRestoreDefinition;
import io.coffer.catalog.restore.Restore;
import io.coffer.catalog.restore.RestoreDefinition;
import io.coffer.catalog.restore.RestoreStatus;
import io.coffer.catalog.schedule.RunOnceStatus;
import io.coffer.engine.Coffer;
import io.coffer.engine.TestHome;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.model.RolePolicy;
import io.coffer.repo.ProgressListener;
import io.coffer.source.SourceListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled restores through the engine's {@link DueRestores}: a restore definition runs once its
 * time has come, exactly once, on the agent it names, as {@code restore run} with its options would;
 * one that fails is FAILED with the reason and does not keep the others from running. The clock is
 * the argument of {@link DueRestores#run}, so nothing here waits for time to pass.
 */
class DueRestoresTest {

  private static final Instant AT = Instant.parse("2030-01-01T03:00:00Z");

  @TempDir Path tmp;
  TestHome home;

  @BeforeEach
  void setUp() throws IOException {
    home = new TestHome(tmp);
    home.setUp(200_000);
  }

  @Test
  void aRestoreDefinition_runsOnceItsTimeHasCome_andOnlyOnce() {
    try (Coffer coffer = home.open()) {
      Backup backup = backupWithAgents(coffer);
      RestoreDefinition planned = coffer.catalog().restoreDefinitions()
          .add(NewRestoreDefinition.of(backup.id(), "backup01", "shop").targetDatabase("copy.db").runAt(AT));

      assertThat(due(coffer, AT.minusSeconds(1))).isEmpty();
      assertThat(home.data.resolve("copy.db")).doesNotExist();

      List<DueRestores.Result> results = due(coffer, AT);
      assertThat(results).hasSize(1);
      DueRestores.Result result = results.get(0);
      assertThat(result.succeeded()).isTrue();
      assertThat(result.definition().status()).isEqualTo(RunOnceStatus.DONE);
      Restore restore = result.restore().orElseThrow();
      assertThat(restore.status()).isEqualTo(RestoreStatus.SUCCEEDED);
      assertThat(restore.restoreDefinitionId()).isEqualTo(planned.id());
      assertThat(restore.targetDatabase()).isEqualTo("copy.db");
      assertThat(coffer.nodes().contents("shop", "copy.db")).isEqualTo(coffer.nodes().contents("shop", "shop.db"));

      assertThat(due(coffer, AT.plus(Duration.ofDays(1)))).isEmpty();
      assertThat(coffer.catalog().restores().list(10)).hasSize(1);
      assertThat(coffer.catalog().restoreDefinitions().show(planned.id()).status()).isEqualTo(RunOnceStatus.DONE);
    }
  }

  @Test
  void aDefinitionThatFails_isFailedWithTheReason_andTheNextOneStillRuns() {
    try (Coffer coffer = home.open()) {
      Backup backup = backupWithAgents(coffer);
      // The first targets the database that exists and refuses to touch it; the second is fine.
      RestoreDefinition refused = coffer.catalog().restoreDefinitions()
          .add(NewRestoreDefinition.of(backup.id(), "backup01", "shop").runAt(AT));
      RestoreDefinition skipsRoles = coffer.catalog().restoreDefinitions()
          .add(NewRestoreDefinition.of(backup.id(), "backup01", "shop").targetDatabase("roles.db")
              .roles(RolePolicy.SKIP).runAt(AT.plusSeconds(1)));
      RestoreDefinition fine = coffer.catalog().restoreDefinitions()
          .add(NewRestoreDefinition.of(backup.id(), "backup01", "shop").targetDatabase("copy.db").runAt(AT.plusSeconds(2)));

      List<DueRestores.Result> results = due(coffer, AT.plusSeconds(3));

      assertThat(results).extracting(r -> r.definition().id()).containsExactly(refused.id(), skipsRoles.id(), fine.id());
      assertThat(results).extracting(DueRestores.Result::succeeded).containsExactly(false, false, true);
      RestoreDefinition failed = coffer.catalog().restoreDefinitions().show(refused.id());
      assertThat(failed.status()).isEqualTo(RunOnceStatus.FAILED);
      assertThat(failed.error()).contains("shop.db").contains("exists");
      assertThat(coffer.catalog().restoreDefinitions().show(skipsRoles.id()).error()).contains("skip roles");
      assertThat(results.get(2).restore().orElseThrow().status()).isEqualTo(RestoreStatus.SUCCEEDED);
      assertThat(home.data.resolve("roles.db")).doesNotExist();
      assertThat(coffer.catalog().restores().list(10)).hasSize(1);
    }
  }

  @Test
  void anotherAgentsDefinition_isLeftForThatAgent() {
    try (Coffer coffer = home.open()) {
      Backup backup = backupWithAgents(coffer);
      RestoreDefinition theirs = coffer.catalog().restoreDefinitions()
          .add(NewRestoreDefinition.of(backup.id(), "backup02", "shop").targetDatabase("copy.db").runAt(AT));

      assertThat(due(coffer, AT.plusSeconds(60))).isEmpty();
      RestoreDefinition untouched = coffer.catalog().restoreDefinitions().show(theirs.id());
      assertThat(untouched.status()).isEqualTo(RunOnceStatus.WAITING);
      assertThat(untouched.startedAt()).isNull();
      assertThat(home.data.resolve("copy.db")).doesNotExist();
    }
  }

  @Test
  void twoProcessesOfTheAgentAtOnce_carryOutEachDueDefinitionOnce() throws Exception {
    List<Long> planned = new ArrayList<>();
    try (Coffer coffer = home.open()) {
      Backup backup = backupWithAgents(coffer);
      for (int i = 0; i < 4; i++) {
        planned.add(coffer.catalog().restoreDefinitions()
            .add(NewRestoreDefinition.of(backup.id(), "backup01", "shop").targetDatabase("copy" + i + ".db").runAt(AT)).id());
      }
    }
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService processes = Executors.newFixedThreadPool(2);
    List<Long> carriedOut = new ArrayList<>();
    try {
      List<Future<List<DueRestores.Result>>> runs = new ArrayList<>();
      for (int p = 0; p < 2; p++) {
        runs.add(processes.submit(() -> {
          try (Coffer coffer = home.open()) {
            together.await(1, TimeUnit.MINUTES);
            return due(coffer, AT);
          }
        }));
      }
      for (Future<List<DueRestores.Result>> run : runs) {
        for (DueRestores.Result r : run.get()) {
          assertThat(r.succeeded()).as("definition " + r.definition().id()).isTrue();
          carriedOut.add(r.definition().id());
        }
      }
    } finally {
      processes.shutdownNow();
    }
    assertThat(carriedOut).containsExactlyInAnyOrderElementsOf(planned);
    try (Coffer coffer = home.open()) {
      assertThat(coffer.catalog().restores().list(10)).hasSize(planned.size());
    }
  }

  private static List<DueRestores.Result> due(Coffer coffer, Instant now) {
    return coffer.dueRestores().run(now, SourceListener.NONE, ProgressListener.NONE);
  }

  /** Registers this home's agent (backup01) and another one, and takes a backup of shop.db. */
  private static Backup backupWithAgents(Coffer coffer) {
    coffer.catalog().agents().add(NewAgent.of("backup01"));
    coffer.catalog().agents().add(NewAgent.of("backup02"));
    return coffer.backups().run(BackupOrder.byHand("shop", "shop.db"), ProgressListener.NONE, SourceListener.NONE)
        .recorded().orElseThrow();
  }
}
