package io.coffer.engine.backup;

import io.coffer.repo.ProgressListener;
import io.coffer.source.SourceListener;
import io.coffer.source.StreamReport;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps the last lines a driver reported, for the catalog's log tail ({@code backup show}), turns
 * the driver's size hint into the progress bar's total, and passes everything on to the caller's
 * listener. Thread-safe: drivers report from worker threads.
 */
final class LogTail implements SourceListener {

  private static final int LINES = 30;

  private final SourceListener next;
  private final ProgressListener progress;
  private final String phase;
  private final Deque<String> lines = new ArrayDeque<>();

  LogTail(SourceListener next, ProgressListener progress, String phase) {
    this.next = next;
    this.progress = progress;
    this.phase = phase;
  }

  @Override
  public void expected(long bytes) {
    // The bar was started without a total; the drivers give one before their streams flow.
    progress.start(phase, bytes, "bytes");
    next.expected(bytes);
  }

  @Override
  public void progress(String stream, long bytes) {
    next.progress(stream, bytes);
  }

  @Override
  public void streamWritten(StreamReport stream) {
    add("wrote " + stream.name() + " (" + stream.bytes() + " bytes)");
    next.streamWritten(stream);
  }

  @Override
  public void info(String message) {
    add(message);
    next.info(message);
  }

  @Override
  public void warn(String message) {
    add("warning: " + message);
    next.warn(message);
  }

  void add(String line) {
    synchronized (lines) {
      lines.addLast(Instant.now() + " " + line);
      while (lines.size() > LINES) {
        lines.removeFirst();
      }
    }
  }

  String text() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }
}
