package io.coffer.engine.job;

import io.coffer.catalog.job.Job;
import io.coffer.engine.run.RunControl;
import java.util.function.LongConsumer;

/**
 * The {@link RunControl} of one claimed job: the agent's heartbeat sets {@link #abort} when someone
 * asked for it (or the agent stops past its grace period); the service reports the backup row it
 * started, which the job then names.
 */
public final class JobControl implements RunControl {

  private final Job job;
  private final ProgressMeter meter;
  private final LongConsumer backupStarted;
  private volatile String abortReason;

  public JobControl(Job job, ProgressMeter meter, LongConsumer backupStarted) {
    this.job = job;
    this.meter = meter;
    this.backupStarted = backupStarted;
  }

  public Job job() {
    return job;
  }

  public ProgressMeter meter() {
    return meter;
  }

  /** Asks the run to stop; the first reason given is kept. */
  public void abort(String reason) {
    if (abortReason == null) {
      abortReason = reason;
    }
  }

  @Override
  public boolean abortRequested() {
    return abortReason != null;
  }

  @Override
  public String abortReason() {
    return abortReason == null ? "" : abortReason;
  }

  @Override
  public void backupStarted(long backupId) {
    backupStarted.accept(backupId);
  }

  @Override
  public void phase(String text) {
    meter.phase(text);
  }
}
