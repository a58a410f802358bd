package io.coffer.source.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a child's stderr on its own thread (a full stderr pipe would block the child) and keeps
 * the last few kilobytes for the error message.
 */
final class StderrTail {

  private static final int KEEP = 8 * 1024;

  private final byte[] ring = new byte[KEEP];
  private long total;
  private final Thread thread;

  StderrTail(InputStream stderr, String label) {
    thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[4096];
              try (stderr) {
                int n;
                while ((n = stderr.read(buffer)) > 0) {
                  append(buffer, n);
                }
              } catch (IOException ignored) {
                // The child is gone; what was read so far is the tail.
              }
            },
            "stderr of " + label);
    thread.setDaemon(true);
    thread.start();
  }

  private synchronized void append(byte[] buffer, int n) {
    for (int i = 0; i < n; i++) {
      ring[(int) (total++ % KEEP)] = buffer[i];
    }
  }

  /** The last lines the child wrote to stderr, trimmed; waits for the pipe to close. */
  String text() throws InterruptedException {
    thread.join(5_000);
    synchronized (this) {
      int size = (int) Math.min(total, KEEP);
      byte[] out = new byte[size];
      long start = total - size;
      for (int i = 0; i < size; i++) {
        out[i] = ring[(int) ((start + i) % KEEP)];
      }
      String text = new String(out, StandardCharsets.UTF_8).strip();
      return total > KEEP ? "…" + text : text;
    }
  }
}
