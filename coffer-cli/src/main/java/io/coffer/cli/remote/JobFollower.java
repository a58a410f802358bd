package io.coffer.cli.remote;

import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobProgress;
import io.coffer.catalog.job.JobState;
import io.coffer.cli.UserException;
import io.coffer.cli.session.Operations;
import io.coffer.repo.ProgressListener;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Follows a job a server queued (a backup, a verification, a restore) until it ends, by asking for
 * it every {@link #INTERVAL} with the API's wait for its end: its progress feeds the same listener,
 * and so the same bar on a terminal, as a backup run here, and its end is seen when it happens, not
 * up to an interval later.
 */
public final class JobFollower {

  /** Often enough for a bar that moves, rare enough to cost the server nothing (one indexed read). */
  static final Duration INTERVAL = Duration.ofMillis(500);

  private JobFollower() {}

  /**
   * The job as it ended. {@code notes} hears once which job is followed, so that someone waiting
   * on a job no agent claims yet knows what to look at (and that stopping the command leaves it be).
   */
  public static Job follow(Operations operations, Job queued, ProgressListener progress, PrintWriter notes) {
    notes.println("coffer: following job " + queued.id() + " (" + queued.type() + ", " + queued.state()
        + (queued.agent() == null ? "" : ", for agent " + queued.agent()) + "); Ctrl-C stops following, not the job");
    notes.flush();
    Job job = queued;
    String phase = null;
    long done = 0;
    try {
      while (!job.state().isFinal()) {
        JobProgress p = job.progress();
        if (job.state() == JobState.RUNNING && !p.phase().equals(phase)) {
          progress.start(p.phase().isEmpty() ? job.type().toString() : p.phase(),
              p.bytesTotal() > 0 ? p.bytesTotal() : -1, "bytes");
          phase = p.phase();
          done = 0;
        }
        if (phase != null && p.bytesDone() > done) {
          progress.advance(p.bytesDone() - done);
          done = p.bytesDone();
        }
        long asked = System.nanoTime();
        job = operations.awaitJob(job.id(), INTERVAL);
        // A server from before the API's wait answers at once: the rest of the interval is waited here.
        pause(INTERVAL.minus(Duration.ofNanos(System.nanoTime() - asked)).toMillis(), job);
      }
    } finally {
      progress.done();
    }
    return job;
  }

  private static void pause(long millis, Job job) {
    if (millis <= 0 || job.state().isFinal()) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("interrupted while following the job; it goes on on the server");
    }
  }
}
