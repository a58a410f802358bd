package io.coffer.cli.physical;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.testing.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * mariadbd started on a data directory a PHYSICAL restore made (a free loopback port, its run
 * directory beside the data directory), for the time of one piece of work, then stopped: what a
 * restored directory serves is what the tests compare.
 */
final class RestoredMariaDb {

  /** What a test does with a connection to database {@code shop} of the copy. */
  @FunctionalInterface
  interface Work<T> {
    T on(Connection c) throws SQLException;
  }

  private RestoredMariaDb() {}

  static <T> T query(Path data, Work<T> work) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path run = Files.createDirectories(data.resolveSibling(data.getFileName() + "-run"));
    List<String> argv = new ArrayList<>(List.of("/usr/sbin/mariadbd", "--no-defaults", "--datadir=" + data,
        "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + run.resolve("sock"), "--pid-file="
            + run.resolve("pid"), "--log-error=" + run.resolve("error.log")));
    if ("root".equals(System.getProperty("user.name"))) {
      Files.setAttribute(run, "unix:uid", Files.getAttribute(data, "unix:uid"));
      argv.add("--user=mysql");
    }
    Process copy = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      String url = "jdbc:mariadb://127.0.0.1:" + port + "/shop";
      Await.until("mariadbd on the copy takes connections", () -> accepts(url),
          () -> assertThat(copy.isAlive()).as("mariadbd on the copy: %s", log(run)).isTrue());
      try (Connection c = DriverManager.getConnection(url, "root", "")) {
        return work.on(c);
      }
    } finally {
      copy.destroy();
      copy.waitFor(2, TimeUnit.MINUTES);
    }
  }

  private static boolean accepts(String url) {
    try (Connection c = DriverManager.getConnection(url, "root", "")) {
      return true;
    } catch (SQLException notYet) {
      return false;
    }
  }

  private static String log(Path run) {
    try {
      return Files.readString(run.resolve("error.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
