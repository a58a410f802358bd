package io.coffer.cli.progress;

import io.coffer.repo.ProgressListener;
import java.io.PrintStream;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Draws the library's progress as a bar on a terminal, one bar per phase.
 *
 * <p>Thread-safety: the library advances from worker threads while phases start and end on the
 * caller's; {@code advance} reads a volatile reference and the bar itself counts atomically, so the
 * hot path takes no lock.
 */
public final class TerminalProgress implements ProgressListener {

  private static final long MIB = 1 << 20;
  private final PrintStream out;
  private volatile ProgressBar bar;

  public TerminalProgress(PrintStream out) {
    this.out = out;
  }

  /** A bar on {@code terminal} when there is one, else a listener that ignores everything. */
  public static ProgressListener on(Optional<PrintStream> terminal) {
    return terminal.<ProgressListener>map(TerminalProgress::new).orElse(ProgressListener.NONE);
  }

  @Override
  public synchronized void start(String phase, long total, String unit) {
    close();
    ProgressBarBuilder b =
        new ProgressBarBuilder()
            .setTaskName(phase)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .setConsumer(new ConsoleProgressBarConsumer(out));
    if ("bytes".equals(unit)) {
      b.setUnit(" MiB", MIB).showSpeed();
    } else {
      b.setUnit(" " + unit, 1);
    }
    bar = b.build();
  }

  @Override
  public void advance(long amount) {
    ProgressBar b = bar;
    if (b != null) {
      b.stepBy(amount);
    }
  }

  @Override
  public synchronized void done() {
    close();
  }

  private void close() {
    ProgressBar b = bar;
    bar = null;
    if (b != null) {
      b.close();
    }
  }
}
