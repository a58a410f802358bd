package io.coffer.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.catalog.node.NewNode;
import io.coffer.catalog.restore.FilesTarget;
import io.coffer.catalog.schedule.RunOnceStatus;
import io.coffer.engine.Coffer;
import io.coffer.engine.TestHome;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.job.JobControl;
import io.coffer.engine.job.JobRunner;
import io.coffer.engine.job.JobService;
import io.coffer.engine.job.ProgressMeter;
import io.coffer.model.Engine;
import io.coffer.model.Kind;
import io.coffer.repo.ProgressListener;
import io.coffer.source.SourceListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore queued through the API is planned where the server runs, but written where its agent
 * runs: the agent plans it again on its own host before writing, so a directory that filled up (or
 * a filesystem that ran out of room) meanwhile stops the job with the refusal, and nothing is written.
 */
class QueuedRestoreRecheckTest {

  @TempDir Path tmp;

  @Test
  void aDirectoryFilledAfterThePlan_failsTheJobWithTheRefusal_andNothingIsWritten() throws IOException {
    TestHome home = new TestHome(tmp);
    home.setUp(50_000);
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("app.conf"), "port = 8080\n");
    Path target = tmp.resolve("restored");
    try (Coffer coffer = home.open()) {
      coffer.catalog().agents().add(NewAgent.of("backup01"));
      coffer.nodes().add(NewNode.builder("app", Engine.FILESYSTEM).dataDirectory(app.toString()).build());
      long backup = coffer.backups().run(BackupOrder.byHand("app", null).kind(Kind.FILES), ProgressListener.NONE,
          SourceListener.NONE).recorded().orElseThrow().id();

      RestoreQueue.Request request = new RestoreQueue.Request(backup, "app", null, null,
          new FilesTarget(target.toString(), null, false, false));
      assertThat(coffer.restoreQueue().plan(request, "backup01").warnings()).anySatisfy(note -> assertThat(note)
          .contains("the host of agent backup01 is not known").contains("checked on host")
          .contains("checks them again on its own host before it writes anything"));
      RestoreQueue.Queued queued = coffer.restoreQueue().queue(request, "backup01");
      Files.createDirectories(target);
      Files.writeString(target.resolve("mine.txt"), "someone else's");
      Job claimed = coffer.catalog().jobs().claim(JobService.claimant("backup01", Duration.ofMinutes(1)))
          .orElseThrow();
      JobRunner.Result result = new JobRunner(coffer.catalogLink(), coffer.backups(), coffer.verifications(),
          coffer.dueRestores(), coffer.retention()).run(new JobControl(claimed, new ProgressMeter(
              ProgressListener.NONE, SourceListener.NONE), b -> { }));

      assertThat(claimed.id()).isEqualTo(queued.job().id());
      assertThat(result.state()).isEqualTo(JobState.FAILED);
      assertThat(result.summary()).contains("scheduled restore " + queued.restore().id() + " FAILED")
          .contains("target-dir \"" + target + "\" is not valid (it is not empty)");
      assertThat(coffer.restoreRecords().scheduled(queued.restore().id()).status()).isEqualTo(RunOnceStatus.FAILED);
      assertThat(coffer.restoreRecords().list(10)).as("no restore was started").isEmpty();
    }
    try (Stream<Path> left = Files.list(target)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("mine.txt");
    }
  }
}
