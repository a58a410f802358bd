package io.coffer.repo;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Thread pools of the library: daemon threads, so an abandoned operation never keeps a JVM alive. */
final class Threads {
  private Threads() {}

  /** A thread per task, reused when idle: for tasks that wait on each other and must all run. */
  static ExecutorService unbounded(String name) {
    return Executors.newCachedThreadPool(daemon(name));
  }

  static ExecutorService pool(int threads, String name) {
    return Executors.newFixedThreadPool(threads, daemon(name));
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
