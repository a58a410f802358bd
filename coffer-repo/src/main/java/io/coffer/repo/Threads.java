package io.coffer.repo;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Thread pools of the library: daemon threads, so an abandoned operation never keeps a JVM alive. */
final class Threads {
  private Threads() {}

  static ExecutorService pool(int threads, String name) {
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }
}
