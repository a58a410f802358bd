package io.coffer.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.engine.Coffer;
import io.coffer.engine.TestHome;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.restore.RestoreQueue;
import io.coffer.model.ExistingPolicy;
import io.coffer.testing.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job queued by the process an agent runs in (its API, {@code agent run --listen}) is claimed at
 * once, not at the agent's next poll, a backup as a restore; and a wait for a job's end answers when it ends, or with the
 * job as it stands once the wait is over.
 */
class QueuedHereTest {

  /** Far longer than any wait below: a claim that waited for the poll would fail the test. */
  static final Map<String, String> SLOW_POLL = Map.of("COFFER_AGENT_POLL", "10m", "COFFER_AGENT_HEARTBEAT", "200ms");

  @TempDir Path tmp;

  /** What the API of an agent's process does, with the agent backup01 running beside it (polling rarely). */
  interface BesideAnAgent {
    void run(Coffer coffer, TestHome home) throws Exception;
  }

  private void besideAnAgent(BesideAnAgent test) throws Exception {
    TestHome home = new TestHome(tmp);
    home.setUp(50_000);
    try (Coffer coffer = home.open(home.config(SLOW_POLL))) {
      coffer.catalog().agents().add(NewAgent.of("backup01"));
      AgentDaemon agent = coffer.agentDaemon(Clock.systemUTC(), "test");
      agent.start();
      try {
        Await.until("the agent's first poll to end", agent::idle);
        test.run(coffer, home);
      } finally {
        agent.stop(Duration.ofSeconds(10));
      }
    }
  }

  @Test
  void aBackupQueuedInTheAgentsProcess_isClaimedAtOnce_notAtTheNextPoll() throws Exception {
    besideAnAgent((coffer, home) -> {
      Job queued = coffer.jobs().queueBackup(BackupOrder.byHand("shop", "shop.db"));

      Job ended = coffer.jobs().await(queued.id(), Duration.ofSeconds(60));

      assertThat(ended.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(ended.claimedBy()).isEqualTo("backup01");

      // A restore queued the way the API queues it is claimed at once too.
      RestoreQueue.Queued restore = coffer.restoreQueue().queue(new RestoreQueue.Request(ended.subject().backupId(),
          "shop", "copy.db", ExistingPolicy.REFUSE, null), "backup01");
      assertThat(coffer.jobs().await(restore.job().id(), Duration.ofSeconds(60)).state())
          .isEqualTo(JobState.SUCCEEDED);
      assertThat(home.data.resolve("copy.db")).exists();
    });
  }

  /**
   * Without the agent's word, a wait read the job again every 100 ms once it had waited a while, and
   * saw a job's end 50 ms late on average, up to 100 ms (eight backups: 11 to 100 ms late, four of
   * them 50 ms or more). With it, each end is seen as soon as it is recorded (1 to 6 ms).
   */
  @Test
  void aWaitForAJobTheAgentHereRuns_answersWhenItsEndIsRecorded_notAtTheNextRead() throws Exception {
    besideAnAgent((coffer, home) -> {
      List<Long> lateMillis = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Job queued = coffer.jobs().queueBackup(BackupOrder.byHand("shop", "shop.db"));

        Job ended = coffer.jobs().await(queued.id(), Duration.ofSeconds(60));

        lateMillis.add(Duration.between(ended.finishedAt(), Instant.now()).toMillis());
        assertThat(ended.state()).isEqualTo(JobState.SUCCEEDED);
      }
      // Counted, not each one: a loaded machine may stall a wait or two. Without the agent's word most
      // ends were seen 20 ms late or more (e.g. 41, 85, 60, 11, 23, 25, 14, 7), with it none (1 to 8).
      assertThat(lateMillis.stream().filter(late -> late >= 20).count())
          .as("ends seen 20 ms late or more, of %s ms", lateMillis).isLessThanOrEqualTo(2L);
    });
  }

  @Test
  void aWaitForAJobNoAgentClaims_endsAfterTheWait_withTheJobAsItStands() throws Exception {
    TestHome home = new TestHome(tmp);
    home.setUp(50_000);
    try (Coffer coffer = home.open(home.config(SLOW_POLL))) {
      Job queued = coffer.jobs().queueBackup(BackupOrder.byHand("shop", "shop.db"));
      long start = System.nanoTime();

      Job job = coffer.jobs().await(queued.id(), Duration.ofMillis(300));

      assertThat(job.state()).isEqualTo(JobState.QUEUED);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
      Job aborted = coffer.jobs().abort(queued.id());
      long again = System.nanoTime();
      assertThat(coffer.jobs().await(aborted.id(), Duration.ofSeconds(60)).state()).isEqualTo(JobState.ABORTED);
      assertThat(Duration.ofNanos(System.nanoTime() - again)).isLessThan(Duration.ofSeconds(60));
    }
  }
}
