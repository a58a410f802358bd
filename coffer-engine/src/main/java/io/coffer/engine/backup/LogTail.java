package io.coffer.engine.backup;

import io.coffer.source.SourceListener;
import io.coffer.source.StreamReport;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps the last lines a driver reported, for the catalog's log tail ({@code backup show}), and
 * passes everything on to the caller's listener. Thread-safe: drivers report from worker threads.
 */
final class LogTail implements SourceListener {

  private static final int LINES = 30;

  private final SourceListener next;
  private final Deque<String> lines = new ArrayDeque<>();

  LogTail(SourceListener next) {
    this.next = next;
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
