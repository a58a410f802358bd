package io.coffer.engine.job;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.CatalogException;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.repo.ProgressListener;
import io.coffer.source.SourceListener;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job this process runs itself (a backup run by hand), recorded RUNNING under its lease.
 *
 * <p>Lifecycle: {@link JobService#hold} records the job and starts a heartbeat on a daemon thread
 * of its own, which reports the meter's progress, extends the lease and hears an abort asked for
 * with {@code job abort} or {@code backup abort} (the run's {@link #control()} then stops it).
 * {@link #end} records how it ended; {@link #close()} stops the heartbeat and, if the run ended
 * without saying how (a bug, an error thrown past it), records FAILED, so the job never stays
 * RUNNING. A process killed meanwhile stops renewing the lease, and the job is ended by the next
 * agent or command like an agent's.
 */
public final class HeldJob implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HeldJob.class);

  private final Catalog catalog;
  private final JobControl control;
  private final Duration lease;
  private final ScheduledExecutorService beat;
  private boolean ended;

  HeldJob(Catalog catalog, Job job, ProgressListener bar, SourceListener listener, Duration heartbeat,
      Duration lease) {
    this.catalog = catalog;
    this.lease = lease;
    this.control = new JobControl(job, new ProgressMeter(bar, listener),
        backup -> catalog.jobs().attachBackup(job, backup));
    this.beat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "job-" + job.id() + "-heartbeat");
      thread.setDaemon(true);
      return thread;
    });
    beat.scheduleWithFixedDelay(this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
  }

  public Job job() {
    return control.job();
  }

  /** What the run is stopped through. */
  public JobControl control() {
    return control;
  }

  /** The progress of the run: the terminal bar and the catalog see the same numbers. */
  public ProgressMeter meter() {
    return control.meter();
  }

  private void heartbeat() {
    try {
      if (catalog.jobs().report(job(), meter().snapshot(), lease) && !control.abortRequested()) {
        control.abort("aborted on request (coffer job abort " + job().id() + ")");
      }
    } catch (CatalogValidationException e) {
      // The job was ended by someone else (its lease ran out while the catalog was away): stop.
      control.abort("aborted: " + e.getMessage());
    } catch (CatalogException e) {
      LOG.debug("job {}: heartbeat failed", job().id(), e);
    }
  }

  /** Records how the run ended; the summary goes to the job's log (and its error unless it succeeded). */
  public synchronized void end(JobState state, String summary) {
    if (ended) {
      return;
    }
    ended = true;
    beat.shutdownNow();
    try {
      catalog.jobs().finish(job(), state, state == JobState.SUCCEEDED ? "" : summary, meter().snapshot(), summary);
    } catch (CatalogException e) {
      // Taken away meanwhile, or the catalog is away: its lease runs out and it is ended for us.
      LOG.warn("job {}: its end ({}) was not recorded: {}", job().id(), state, e.getMessage());
    }
  }

  @Override
  public void close() {
    end(JobState.FAILED, "the run ended without a result");
  }
}
