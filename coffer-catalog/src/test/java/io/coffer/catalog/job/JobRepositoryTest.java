package io.coffer.catalog.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.agent.AgentStatus;
import io.coffer.catalog.agent.AgentUpdate;
import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.testing.CatalogTestBase;
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

  @Test
  void aJob_goesFromQueuedThroughRunningToSucceeded() {
    agent("b1");
    Job queued = catalog.jobs().enqueue(NewJob.of(JobType.VERIFY).parameters("{\"backup\":1}"));
    assertThat(queued.state()).isEqualTo(JobState.QUEUED);

    Job claimed = catalog.jobs().claim("b1").orElseThrow();
    assertThat(claimed.id()).isEqualTo(queued.id());
    assertThat(claimed.state()).isEqualTo(JobState.RUNNING);
    assertThat(claimed.claimedBy()).isEqualTo("b1");
    assertThat(catalog.jobs().claim("b1")).isEmpty();

    assertThat(catalog.jobs().progress(claimed.id(), 42.5, "reading")).isFalse();
    assertThat(catalog.jobs().show(claimed.id()).progress()).isEqualTo(42.5);
    Job done = catalog.jobs().finish(claimed.id(), JobState.SUCCEEDED, null);
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.progress()).isEqualTo(100.0);
    assertThat(catalog.jobs().list(null, 10)).containsExactly(done);
  }

  @Test
  void aJobForOneAgent_isNotClaimedByAnother() {
    agent("b1");
    agent("b2");
    Job mine = catalog.jobs().enqueue(NewJob.of(JobType.PRUNE).agent("b2"));

    assertThat(catalog.jobs().claim("b1")).isEmpty();
    assertThat(catalog.jobs().claim("b2")).map(Job::id).contains(mine.id());
  }

  @Test
  void aDownAgent_claimsNothing() {
    agent("b1");
    catalog.jobs().enqueue(NewJob.of(JobType.PRUNE));
    catalog.agents().update("b1", new AgentUpdate().status(AgentStatus.DOWN));

    assertThat(catalog.jobs().claim("b1")).isEmpty();
  }

  @Test
  void abort_endsAQueuedJobAndFlagsARunningOne() {
    agent("b1");
    Job first = catalog.jobs().enqueue(NewJob.of(JobType.BACKUP));
    Job second = catalog.jobs().enqueue(NewJob.of(JobType.BACKUP));
    catalog.jobs().claim("b1");

    assertThat(catalog.jobs().requestAbort(second.id()).state()).isEqualTo(JobState.ABORTED);
    assertThat(catalog.jobs().requestAbort(first.id()).abortRequested()).isTrue();
    assertThat(catalog.jobs().progress(first.id(), 50, "")).isTrue();
    refused("job", Long.toString(second.id()), () -> catalog.jobs().requestAbort(second.id()));
  }

  @Test
  void badProgressOrFinishing_isRefused() {
    agent("b1");
    Job job = catalog.jobs().enqueue(NewJob.of(JobType.BACKUP));

    refused("job", Long.toString(job.id()), () -> catalog.jobs().finish(job.id(), JobState.FAILED, "x"));
    catalog.jobs().claim("b1");
    refused("progress", "101.0", () -> catalog.jobs().progress(job.id(), 101, ""));
    refused("state", "QUEUED", () -> catalog.jobs().finish(job.id(), JobState.QUEUED, null));
    refused("definition", "5", () -> catalog.jobs().enqueue(NewJob.of(JobType.BACKUP).definition(5)));
  }

  @Test
  void staleJobs_areFailedNotRequeued() {
    agent("b1");
    Job job = catalog.jobs().enqueue(NewJob.of(JobType.BACKUP));
    catalog.jobs().claim("b1");

    assertThat(catalog.jobs().failStale(Duration.ofHours(1))).isEmpty();
    assertThat(catalog.jobs().failStale(Duration.ofMillis(-1000))).containsExactly(job.id());
    assertThat(catalog.jobs().show(job.id()).state()).isEqualTo(JobState.FAILED);
  }

  @Test
  void agentsClaimingAtOnce_runEachJobExactlyOnce() throws Exception {
    int agents = 4;
    int jobs = 60;
    for (int i = 0; i < agents; i++) {
      catalog.agents().add(NewAgent.of("agent" + i));
    }
    for (int i = 0; i < jobs; i++) {
      catalog.jobs().enqueue(NewJob.of(JobType.BACKUP));
    }
    List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
    CyclicBarrier start = new CyclicBarrier(agents);
    // Each agent holds its first job until every agent has one: SQLite's lock is not fair, and one
    // agent could otherwise take every job before the others' busy waits end (a pause per job only
    // made that unlikely). After that they race freely for the rest.
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
            for (Optional<Job> job = own.jobs().claim(name); job.isPresent(); job = own.jobs().claim(name)) {
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
