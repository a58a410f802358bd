package io.coffer.engine.job;

import io.coffer.catalog.job.JobProgress;
import io.coffer.repo.ProgressListener;
import io.coffer.source.SourceListener;
import io.coffer.source.StreamReport;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Measures a running job once, for everyone who shows it: the bytes the pipeline read, the total
 * the driver estimated (database or tree size), what it reads now, the rate and the percentage. The
 * catalog gets {@link #snapshot()} with every heartbeat; the terminal bar is fed the very same calls
 * it passes on. Listeners are told before the meter counts, so they never run ahead of it.
 *
 * <p>Thread-safe: the pipeline advances it from worker threads while the heartbeat reads it.
 */
public final class ProgressMeter implements ProgressListener, SourceListener {

  private final ProgressListener bar;
  private final SourceListener next;
  private final LongSupplier nanos;
  private final AtomicLong done = new AtomicLong();
  private volatile long total;
  private volatile long startedNanos;
  private volatile String step = "";
  private volatile String current = "";
  private volatile String phase = "";

  public ProgressMeter(ProgressListener bar, SourceListener next) {
    this(bar, next, System::nanoTime);
  }

  ProgressMeter(ProgressListener bar, SourceListener next, LongSupplier nanos) {
    this.bar = bar;
    this.next = next;
    this.nanos = nanos;
    this.startedNanos = nanos.getAsLong();
  }

  /** The phase in words, as the catalog shows it ("Backup is active"). */
  public void phase(String text) {
    phase = text;
  }

  @Override
  public void start(String name, long bytes, String unit) {
    bar.start(name, bytes, unit);
    // The same step started again with the driver's estimate goes on counting; a new one starts at 0.
    if (!name.equals(step)) {
      step = name;
      done.set(0);
      startedNanos = nanos.getAsLong();
    }
    total = "bytes".equals(unit) && bytes > 0 ? bytes : 0;
  }

  @Override
  public void advance(long amount) {
    bar.advance(amount);
    done.addAndGet(amount);
  }

  @Override
  public void done() {
    bar.done();
  }

  @Override
  public void progress(String stream, long bytes) {
    current = stream;
    next.progress(stream, bytes);
  }

  @Override
  public void expected(long bytes) {
    next.expected(bytes);
  }

  @Override
  public void planned(io.coffer.source.RestorePlan plan) {
    next.planned(plan);
  }

  @Override
  public void streamWritten(StreamReport stream) {
    next.streamWritten(stream);
  }

  @Override
  public void info(String message) {
    next.info(message);
  }

  @Override
  public void warn(String message) {
    next.warn(message);
  }

  /** The numbers now: below 100% until the job has ended, however far the estimate was off. */
  public JobProgress snapshot() {
    long read = done.get();
    long whole = total;
    long elapsed = Math.max(1, nanos.getAsLong() - startedNanos);
    long rate = read <= 0 ? 0 : (long) (read / (elapsed / (double) Duration.ofSeconds(1).toNanos()));
    double percent = whole <= 0 ? 0 : Math.min(99.0, Math.floor(read * 1000.0 / whole) / 10.0);
    return new JobProgress(phase, current, read, whole, rate, percent);
  }
}
