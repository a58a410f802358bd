package io.coffer.catalog.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.agent.AgentStatus;
import io.coffer.catalog.agent.AgentUpdate;
import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupStart;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.testing.CatalogTestBase;
import io.coffer.model.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JobRepositoryTest extends CatalogTestBase {

  private static Claimant claimant(String agent) {
    return new Claimant(agent, "host-" + agent, 100, Duration.ofMinutes(1));
  }

  @Test
  void aJob_goesFromQueuedThroughRunningToSucceeded() {
    agent("b1");
    Job queued = catalog.jobs().enqueue(NewJob.of(JobType.VERIFY).parameters("{\"backup\":1}"));
    assertThat(queued.state()).isEqualTo(JobState.QUEUED);

    Job claimed = catalog.jobs().claim(claimant("b1")).orElseThrow();
    assertThat(claimed.id()).isEqualTo(queued.id());
    assertThat(claimed.state()).isEqualTo(JobState.RUNNING);
    assertThat(claimed.claimedBy()).isEqualTo("b1");
    assertThat(claimed.lease().runnerHost()).isEqualTo("host-b1");
    assertThat(claimed.lease().expiresAt()).isAfter(claimed.claimedAt());
    assertThat(catalog.jobs().claim(claimant("b1"))).isEmpty();

    JobProgress progress = new JobProgress("Verification is active", "public.orders", 420, 1000, 100, 42.0);
    assertThat(catalog.jobs().report(claimed, progress)).isFalse();
    Job shown = catalog.jobs().show(claimed.id());
    assertThat(shown.progress()).isEqualTo(progress);
    assertThat(shown.progress().eta()).contains(Duration.ofSeconds(5));
    catalog.jobs().log(claimed.id(), "restored into scratch");
    Job done = catalog.jobs().finish(claimed, JobState.SUCCEEDED, null);
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.progress().percent()).isEqualTo(100.0);
    assertThat(done.progress().phase()).isEqualTo("Verify has been successfully finished");
    assertThat(catalog.jobs().logOf(done.id())).contains("restored into scratch");
    assertThat(catalog.jobs().list(null, 10)).containsExactly(done);
  }

  @Test
  void aJobForOneAgent_isNotClaimedByAnother() {
    agent("b1");
    agent("b2");
    Job mine = catalog.jobs().enqueue(NewJob.of(JobType.PRUNE).agent("b2"));

    assertThat(catalog.jobs().claim(claimant("b1"))).isEmpty();
    assertThat(catalog.jobs().claim(claimant("b2"))).map(Job::id).contains(mine.id());
  }

  @Test
  void aDownAgent_claimsNothing() {
    agent("b1");
    catalog.jobs().enqueue(NewJob.of(JobType.PRUNE));
    catalog.agents().update("b1", new AgentUpdate().status(AgentStatus.DOWN));

    assertThat(catalog.jobs().claim(claimant("b1"))).isEmpty();
  }

  @Test
  void aScheduledRun_isQueuedOnceWhoeverQueuesIt() {
    basics();
    Definition definition = definition("pg1", "sales");
    NewJob run = NewJob.of(JobType.BACKUP).agent("b1").definition(definition.id()).node("pg1")
        .scheduleKey("definition " + definition.id() + " at 2026-03-02T01:41:00Z");

    assertThat(catalog.jobs().enqueueOnce(run)).isPresent();
    assertThat(catalog.jobs().enqueueOnce(run)).isEmpty();
    assertThat(catalog.jobs().list(null, 10)).hasSize(1);
    assertThat(catalog.jobs().lastScheduled("b1")).containsOnlyKeys(definition.id());
  }

  @Test
  void theAgentsLimit_holdsAndFreesWhenAJobEnds() {
    agent("b1");
    catalog.config().setForAgent("b1", "max_parallel_jobs", "2");
    for (int i = 0; i < 3; i++) {
      catalog.jobs().enqueue(NewJob.of(JobType.PRUNE));
    }
    Job first = catalog.jobs().claim(claimant("b1")).orElseThrow();
    catalog.jobs().claim(claimant("b1")).orElseThrow();
    assertThat(catalog.jobs().claim(claimant("b1"))).as("a third job beyond max_parallel_jobs 2").isEmpty();

    catalog.jobs().finish(first, JobState.SUCCEEDED, null);
    assertThat(catalog.jobs().claim(claimant("b1"))).isPresent();
  }

  @Test
  void theBackupJobsOfANode_comeRunningFirst_thenQueued_thenTheNewest_andNoOtherNodeOrType() {
    agent("b1");
    agent("b2");
    postgresNode("pg1");
    postgresNode("pg2");
    Job succeeded = catalog.jobs().finish(claimBackup("pg1"), JobState.SUCCEEDED, null);
    Job failed = catalog.jobs().finish(claimBackup("pg1"), JobState.FAILED, "disk full");
    Job running = claimBackup("pg1");
    // For b2, which claims nothing here: they stay QUEUED.
    Job queued = catalog.jobs().enqueue(NewJob.of(JobType.BACKUP).node("pg1").agent("b2"));
    catalog.jobs().enqueue(NewJob.of(JobType.BACKUP).node("pg2").agent("b2"));
    catalog.jobs().enqueue(NewJob.of(JobType.VERIFY).node("pg1").agent("b2"));

    assertThat(catalog.jobs().backupsOfNode("pg1", 10)).extracting(Job::id)
        .containsExactly(running.id(), queued.id(), queued.id(), running.id(), failed.id(), succeeded.id());
    assertThat(catalog.jobs().backupsOfNode("pg1", 2)).extracting(Job::id)
        .as("the limit bounds the ended jobs, never the active ones")
        .containsExactly(running.id(), queued.id(), queued.id(), running.id());
    assertThat(catalog.jobs().backupsOfNode("pg1", 10).get(0).subject().node()).isEqualTo("pg1");
    assertThat(catalog.jobs().backupsOfNode("nowhere", 10)).isEmpty();
    refused("limit", "0", () -> catalog.jobs().backupsOfNode("pg1", 0));
  }

  private Job claimBackup(String node) {
    Job job = catalog.jobs().enqueue(NewJob.of(JobType.BACKUP).node(node).agent("b1"));
    Job claimed = catalog.jobs().claim(claimant("b1")).orElseThrow();
    assertThat(claimed.id()).isEqualTo(job.id());
    return claimed;
  }

  @Test
  void theNodesLimit_holdsAcrossAgents() {
    basics();
    agent("b2");
    catalog.config().setForAgent("b1", "max_parallel_jobs", "5");
    catalog.config().setForNode("pg1", "max_parallel_jobs", "1");
    Job first = catalog.jobs().enqueue(NewJob.of(JobType.BACKUP).node("pg1"));
    Job second = catalog.jobs().enqueue(NewJob.of(JobType.BACKUP).node("pg1"));

    assertThat(catalog.jobs().claim(claimant("b1"))).map(Job::id).contains(first.id());
    assertThat(catalog.jobs().claim(claimant("b2"))).as("node pg1 already runs its one job").isEmpty();
    assertThat(catalog.jobs().show(second.id()).state()).isEqualTo(JobState.QUEUED);
  }

  @Test
  void aRunOfADefinitionStillRunning_isSkippedWithTheReason() {
    basics();
    catalog.config().setForAgent("b1", "max_parallel_jobs", "5");
    Definition definition = definition("pg1", "sales");
    Job first = catalog.jobs().enqueue(NewJob.of(JobType.BACKUP).definition(definition.id()));
    Job second = catalog.jobs().enqueue(NewJob.of(JobType.BACKUP).definition(definition.id()));

    assertThat(catalog.jobs().claim(claimant("b1"))).map(Job::id).contains(first.id());
    assertThat(catalog.jobs().claim(claimant("b1"))).isEmpty();

    Job skipped = catalog.jobs().show(second.id());
    assertThat(skipped.state()).isEqualTo(JobState.SKIPPED);
    assertThat(skipped.error()).contains("definition " + definition.id() + " was still running in job " + first.id());
    assertThat(skipped.finishedAt()).isNotNull();
  }

  @Test
  void aBatchClaim_takesWhatTheAgentsAndTheNodesLimitsAllow_inOneHistoryRow() {
    basics();
    catalog.config().setForAgent("b1", "max_parallel_jobs", "3");
    catalog.config().setForNode("pg1", "max_parallel_jobs", "2");
    List<Job> queued = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      queued.add(catalog.jobs().enqueue(NewJob.of(JobType.BACKUP).node("pg1")));
    }
    for (int i = 0; i < 2; i++) {
      queued.add(catalog.jobs().enqueue(NewJob.of(JobType.PRUNE)));
    }
    long claimsBefore = claims();

    List<Job> claimed = catalog.jobs().claim(claimant("b1"), 10);

    assertThat(claimed).extracting(Job::id).as("two on pg1 (its limit), the third passed over, then one more (b1's 3)")
        .containsExactly(queued.get(0).id(), queued.get(1).id(), queued.get(3).id());
    assertThat(claimed).allSatisfy(job -> {
      assertThat(job.state()).isEqualTo(JobState.RUNNING);
      assertThat(job.claimedBy()).isEqualTo("b1");
      assertThat(catalog.jobs().logOf(job.id())).contains("claimed by agent b1 on host-b1 (pid 100, attempt 1)");
    });
    assertThat(claims() - claimsBefore).as("history rows of the batch").isEqualTo(1);
    assertThat(catalog.jobs().claim(claimant("b1"), 10)).as("b1 runs its 3").isEmpty();
    assertThat(claims() - claimsBefore).as("an empty claim is not history").isEqualTo(1);
  }

  @Test
  void aBatchClaim_skipsASecondRunOfADefinitionItTakes() {
    basics();
    catalog.config().setForAgent("b1", "max_parallel_jobs", "5");
    Definition definition = definition("pg1", "sales");
    Job first = catalog.jobs().enqueue(NewJob.of(JobType.BACKUP).definition(definition.id()));
    Job second = catalog.jobs().enqueue(NewJob.of(JobType.BACKUP).definition(definition.id()));

    assertThat(catalog.jobs().claim(claimant("b1"), 5)).extracting(Job::id).containsExactly(first.id());
    assertThat(catalog.jobs().show(second.id()).state()).isEqualTo(JobState.SKIPPED);
    assertThat(catalog.jobs().show(second.id()).error())
        .contains("definition " + definition.id() + " was still running in job " + first.id() + " (claimed by b1");
  }

  @Test
  void enqueueAll_queuesEachScheduledRunOnce_andPassesOverADefinitionThatIsGone() {
    basics();
    Definition kept = definition("pg1", "sales");
    Definition removed = definition("pg1", "hr");
    catalog.definitions().remove(removed.id(), false);
    List<NewJob> due = List.of(
        NewJob.of(JobType.BACKUP).agent("b1").definition(kept.id()).node("pg1").scheduleKey("definition 1 at t"),
        NewJob.of(JobType.BACKUP).agent("b1").definition(removed.id()).node("pg1").scheduleKey("definition 2 at t"));

    assertThat(catalog.jobs().enqueueAll(due)).singleElement().satisfies(job -> {
      assertThat(job.subject().definitionId()).isEqualTo(kept.id());
      assertThat(job.state()).isEqualTo(JobState.QUEUED);
      assertThat(job.subject().node()).isEqualTo("pg1");
    });
    assertThat(catalog.jobs().enqueueAll(due)).as("queued already").isEmpty();
    assertThat(catalog.jobs().list(null, 10)).hasSize(1);
  }

  @Test
  void aJobRunByHand_isHeldUnderItsLease_andEndedButNeverQueuedAgainWhenItsProcessDies() {
    basics();
    Claimant shortLived = new Claimant("b1", "h", 7, Duration.ofMillis(-1));
    Job held = catalog.jobs().startHeld(NewJob.of(JobType.BACKUP).node("pg1").byHand("backup run --node pg1"),
        shortLived);
    assertThat(held.state()).isEqualTo(JobState.RUNNING);
    assertThat(held.byHand()).isTrue();
    assertThat(held.claimedBy()).isEqualTo("b1");
    assertThat(catalog.jobs().logOf(held.id())).contains("run by hand: backup run --node pg1 on h (pid 7)");
    assertThat(catalog.jobs().report(held, JobProgress.NONE, Duration.ofMinutes(1))).isFalse();
    assertThat(catalog.jobs().expireLeases(3)).as("its lease was extended").isEmpty();
    catalog.jobs().requestAbort(held.id());
    assertThat(catalog.jobs().report(held, JobProgress.NONE, Duration.ofMillis(-1))).as("abort heard").isTrue();

    assertThat(catalog.jobs().expireLeases(3)).singleElement().satisfies(e -> {
      assertThat(e.requeued()).as("no agent could run it again").isFalse();
      assertThat(e.job().state()).isEqualTo(JobState.FAILED);
      assertThat(e.reason()).startsWith("the process that ran it by hand (pid 7 on h) stopped answering at");
    });
    refused("parameters", "", () -> catalog.jobs().startHeld(NewJob.of(JobType.BACKUP), shortLived));
  }

  private long claims() {
    return catalog.history().list(java.time.Instant.EPOCH, 1000).stream()
        .filter(h -> h.action().equals("job claim")).count();
  }

  @Test
  void abort_endsAQueuedJobAndFlagsARunningOne() {
    agent("b1");
    Job first = catalog.jobs().enqueue(NewJob.of(JobType.BACKUP));
    Job second = catalog.jobs().enqueue(NewJob.of(JobType.BACKUP));
    Job running = catalog.jobs().claim(claimant("b1")).orElseThrow();

    assertThat(catalog.jobs().requestAbort(second.id()).state()).isEqualTo(JobState.ABORTED);
    assertThat(catalog.jobs().requestAbort(first.id()).abortRequested()).isTrue();
    assertThat(catalog.jobs().renewLeases(claimant("b1"), List.of(first.id()))).containsExactly(first.id());
    assertThat(catalog.jobs().renewLeases(claimant("b1"), List.of())).isEmpty();
    assertThat(catalog.jobs().report(running, JobProgress.NONE)).isTrue();
    refused("job", Long.toString(second.id()), () -> catalog.jobs().requestAbort(second.id()));
  }

  @Test
  void badProgressOrFinishing_isRefused() {
    agent("b1");
    Job job = catalog.jobs().enqueue(NewJob.of(JobType.BACKUP));

    refused("job", Long.toString(job.id()), () -> catalog.jobs().finish(job, JobState.FAILED, "x"));
    Job running = catalog.jobs().claim(claimant("b1")).orElseThrow();
    refused("progress", "101.0", () -> catalog.jobs().report(running, new JobProgress("", "", 0, 0, 0, 101)));
    refused("state", "QUEUED", () -> catalog.jobs().finish(running, JobState.QUEUED, null));
    refused("state", "SKIPPED", () -> catalog.jobs().finish(running, JobState.SKIPPED, null));
    refused("definition", "5", () -> catalog.jobs().enqueue(NewJob.of(JobType.BACKUP).definition(5)));
  }

  @Test
  void anExpiredLease_failsTheJobAndItsBackupNamingTheSilentAgent() {
    basics();
    Definition definition = definition("pg1", "sales");
    catalog.jobs().enqueue(NewJob.of(JobType.BACKUP).definition(definition.id()).node("pg1"));
    Job running = catalog.jobs().claim(new Claimant("b1", "h", 1, Duration.ofMillis(-1))).orElseThrow();
    Backup backup = catalog.backups().start(BackupStart.of("pg1", "v1", List.of("sales"), Kind.FULL)
        .definition(definition.id()));
    catalog.jobs().attachBackup(running, backup.id());
    assertThat(catalog.jobs().ofBackup(backup.id())).map(Job::id).contains(running.id());

    List<ExpiredJob> expired = catalog.jobs().expireLeases(0);

    assertThat(expired).singleElement().satisfies(e -> {
      assertThat(e.requeued()).isFalse();
      assertThat(e.volumeLocation()).isEqualTo("/srv/coffer/v1");
      assertThat(e.job().state()).isEqualTo(JobState.FAILED);
      assertThat(e.job().error()).startsWith("agent b1 stopped answering at ");
    });
    assertThat(catalog.backups().show(backup.id()).status()).isEqualTo(BackupStatus.FAILED);
    assertThat(catalog.backups().show(backup.id()).error()).contains("agent b1 stopped answering");
    assertThat(catalog.jobs().expireLeases(0)).as("a second sweep finds nothing").isEmpty();
    CatalogValidationException late = org.assertj.core.api.Assertions.catchThrowableOfType(
        CatalogValidationException.class, () -> catalog.jobs().finish(running, JobState.SUCCEEDED, null));
    assertThat(late.getMessage()).contains("is FAILED");
  }

  @Test
  void anExpiredLease_queuesTheJobAgainWhileRetriesAreLeft() {
    basics();
    agent("b2");
    Job job = catalog.jobs().enqueue(NewJob.of(JobType.PRUNE));
    Job first = catalog.jobs().claim(new Claimant("b1", "h", 1, Duration.ofMillis(-1))).orElseThrow();
    catalog.jobs().attachBackup(first, catalog.backups().start(BackupStart.of("pg1", "v1", List.of("sales"), Kind.FULL))
        .id());

    assertThat(catalog.jobs().expireLeases(1)).singleElement().satisfies(e -> {
      assertThat(e.requeued()).isTrue();
      assertThat(e.volumeLocation()).isEqualTo("/srv/coffer/v1");
      assertThat(e.runnerHost()).isEqualTo("h");
      assertThat(e.runnerPid()).isEqualTo(1L);
      assertThat(e.job().subject().backupId()).as("the next attempt makes a backup of its own").isNull();
    });
    Job second = catalog.jobs().claim(claimant("b2")).orElseThrow();
    assertThat(second.id()).isEqualTo(job.id());
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(catalog.jobs().expireLeases(1, new Claimant("b2", "host-b2", 100, Duration.ofMinutes(1))))
        .as("an agent does not end its own job whose heartbeat came late").isEmpty();
    assertThat(catalog.jobs().renewLeases(new Claimant("b1", "h", 1, Duration.ofMinutes(1)), List.of(job.id())))
        .as("the first agent's heartbeat does not renew a job it lost").isEmpty();
    assertThat(catalog.jobs().show(job.id()).claimedBy()).isEqualTo("b2");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> catalog.jobs().finish(first, JobState.SUCCEEDED, null))
        .isInstanceOf(CatalogValidationException.class).hasMessageContaining("in attempt 2");
    assertThat(catalog.jobs().finish(second, JobState.SUCCEEDED, null).state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void agentsClaimingAtOnce_runEachJobExactlyOnce() throws Exception {
    int agents = 4;
    int jobs = 60;
    for (int i = 0; i < agents; i++) {
      catalog.agents().add(NewAgent.of("agent" + i));
      catalog.config().setForAgent("agent" + i, "max_parallel_jobs", "64");
    }
    for (int i = 0; i < jobs; i++) {
      catalog.jobs().enqueue(NewJob.of(JobType.BACKUP));
    }
    List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
    CyclicBarrier start = new CyclicBarrier(agents);
    // Each agent holds its first job until every agent has one: SQLite's lock is not fair, and one
    // agent could otherwise take every job before the others' busy waits end (a pause per job only
    // made that unlikely). After that they race freely for the rest. A claim that comes back empty
    // proves nothing while others hold candidate rows (PostgreSQL passes locked rows over), so an
    // agent stops only once no job is QUEUED.
    CountDownLatch everyAgentHasOne = new CountDownLatch(agents);
    ExecutorService pool = Executors.newFixedThreadPool(agents);
    try {
      List<Callable<Void>> workers = new ArrayList<>();
      for (int i = 0; i < agents; i++) {
        String name = "agent" + i;
        workers.add(() -> {
          try (Catalog own = Catalog.open(instance().settings().withActor(name).withPoolSize(2))) {
            start.await();
            boolean first = true;
            while (true) {
              Optional<Job> job = own.jobs().claim(claimant(name));
              if (job.isEmpty()) {
                if (own.jobs().list(JobState.QUEUED, 1).isEmpty()) {
                  break;
                }
                continue;
              }
              claimed.add(job.get().id());
              if (first) {
                first = false;
                everyAgentHasOne.countDown();
                assertThat(everyAgentHasOne.await(1, TimeUnit.MINUTES)).as("every agent claimed a first job").isTrue();
              }
            }
            if (first) {
              everyAgentHasOne.countDown();
            }
          }
          return null;
        });
      }
      for (Future<Void> done : pool.invokeAll(workers)) {
        done.get();
      }
    } finally {
      pool.shutdown();
    }

    assertThat(claimed).hasSize(jobs).doesNotHaveDuplicates();
    assertThat(catalog.jobs().list(null, jobs).stream().map(Job::claimedBy).distinct().count())
        .as("agents that claimed jobs").isEqualTo(agents);
    assertThat(catalog.jobs().list(JobState.QUEUED, jobs)).isEmpty();
  }
}
