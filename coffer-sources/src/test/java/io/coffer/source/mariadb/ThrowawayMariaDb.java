package io.coffer.source.mariadb;

import io.coffer.testing.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB server of its own (mariadb-install-db, mariadbd) on a free port, for CLUSTER backups: a
 * CLUSTER backup takes every database and account of a node, which on the shared server would
 * include other people's.
 */
final class ThrowawayMariaDb implements AutoCloseable {

  private final Path dir;
  private final Process server;
  final int port;

  ThrowawayMariaDb() throws Exception {
    dir = Files.createTempDirectory("coffer-mariadb-");
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    List<String> install = new ArrayList<>(List.of("mariadb-install-db", "--no-defaults",
        "--datadir=" + dir.resolve("data"), "--auth-root-authentication-method=normal", "--skip-test-db"));
    List<String> start = new ArrayList<>(List.of("mariadbd", "--no-defaults", "--datadir=" + dir.resolve("data"),
        "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("sock"),
        "--pid-file=" + dir.resolve("pid"), "--innodb-buffer-pool-size=32M", "--log-error=" + dir.resolve("err.log")));
    if (root) {
      install.add("--user=root");
      start.add("--user=root");
    }
    Process p = new ProcessBuilder(install).redirectErrorStream(true).redirectOutput(dir.resolve("install.log").toFile()).start();
    if (p.waitFor() != 0) {
      throw new IOException("mariadb-install-db failed: " + Files.readString(dir.resolve("install.log")));
    }
    server = new ProcessBuilder(start).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    // A server that died fails the wait at once; the bound only turns a hang into a failure (on a
    // loaded machine InnoDB's start-up alone took longer than the 30 s this once allowed).
    Await.until("the throwaway MariaDB server on port " + port + " to accept connections", this::accepts, () -> {
      if (!server.isAlive()) {
        throw new IOException("the throwaway MariaDB server did not start: " + Files.readString(dir.resolve("err.log")));
      }
    });
  }

  private boolean accepts() {
    try {
      new MyServer(port).close();
      return true;
    } catch (IllegalStateException | SQLException e) {
      return false;
    }
  }

  MyServer server() {
    return new MyServer(port);
  }

  @Override
  public void close() throws Exception {
    server.destroy();
    if (!server.waitFor(30, TimeUnit.SECONDS)) {
      server.destroyForcibly().waitFor();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
