package io.coffer.source.mariadb;

import io.coffer.model.Host;
import io.coffer.source.NodeAccess;
import io.coffer.source.ServerStart;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway mariadbd on a restored data directory, for verification: a spare loopback port, its
 * socket, pid file and log in a private directory, no option files read ({@code --no-defaults}: the
 * host's my.cnf would point it at the original's paths), no replica threads and no event scheduler
 * (the copy must not pull from a primary or run scheduled writes). Run as root, it runs as the data
 * directory's owner. Closing shuts it down cleanly and removes the private directory.
 */
final class MyCopyServer implements AutoCloseable {


  private final Path work;
  private final Process process;
  private final NodeAccess node;
  private final Duration startup;

  private MyCopyServer(Path work, Process process, NodeAccess node, Duration startup) {
    this.work = work;
    this.process = process;
    this.node = node;
    this.startup = startup;
  }

  /** Starts {@code server} on {@code data} and waits until the original's admin user can log in. */
  static MyCopyServer start(Path server, Path data, NodeAccess original) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("coffer-verify-mariadb-");
    try {
      List<String> argv = new ArrayList<>(List.of(server.toString(), "--no-defaults", "--datadir=" + data));
      if (Host.runsAsRoot()) {
        Files.setAttribute(work, "unix:uid", Files.getAttribute(data, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        Files.setAttribute(work, "unix:gid", Files.getAttribute(data, "unix:gid", LinkOption.NOFOLLOW_LINKS));
        argv.add("--user=" + Files.getOwner(data, LinkOption.NOFOLLOW_LINKS).getName());
      }
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      argv.addAll(List.of("--port=" + port, "--bind-address=127.0.0.1", "--socket=" + work.resolve("sock"),
          "--pid-file=" + work.resolve("pid"), "--log-error=" + work.resolve("error.log"), "--skip-slave-start",
          "--event-scheduler=OFF", "--innodb-buffer-pool-size=64M"));
      long begun = System.nanoTime();
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      NodeAccess node = NodeAccess.mariadb("127.0.0.1", port, original.adminUser(), original.credential());
      awaitConnections(p, node, work.resolve("error.log"));
      return new MyCopyServer(work, p, node, Duration.ofNanos(System.nanoTime() - begun));
    } catch (IOException | InterruptedException | RuntimeException e) {
      MyBaseBackup.remove(work);
      throw e;
    }
  }

  NodeAccess node() {
    return node;
  }

  Duration startup() {
    return startup;
  }

  private static void awaitConnections(Process p, NodeAccess node, Path log) throws IOException, InterruptedException {
    ServerStart.awaitConnections(p, log, line -> line.contains("[ERROR]"), 6, () -> {
      try (MyConnector connector = new MyConnector(node); Connection c = connector.open(null)) {
        // Connected: the server takes connections.
      }
    });
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      MyBaseBackup.remove(work);
    }
  }
}
