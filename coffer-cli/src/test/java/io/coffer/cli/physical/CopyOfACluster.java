package io.coffer.cli.physical;

import io.coffer.cli.CliHarness;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the PHYSICAL tests of a throwaway cluster share: the CLI they run, SQL against the cluster,
 * and a restored data directory started as the postgres user on a free loopback port.
 */
final class CopyOfACluster {

  private CopyOfACluster() {}

  /** Starts a server with the programs in {@code bin} on {@code dataDirectory}, counts the rows of {@code tables}, stops it. */
  static List<String> count(Path bin, Path dataDirectory, String... tables) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path pgCtl = bin.resolve("pg_ctl");
    run("runuser", "-u", "postgres", "--", pgCtl.toString(), "-D", dataDirectory.toString(), "-l",
        dataDirectory.resolve("test-start.log").toString(), "-o", "-p " + port + " -k "
            + dataDirectory + " -c listen_addresses=127.0.0.1", "-w", "-t", "120", "start");
    try {
      List<String> counts = new ArrayList<>();
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
          "postgres", "");
          Statement s = c.createStatement()) {
        for (String table : tables) {
          try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            counts.add(r.getString(1));
          }
        }
      }
      return counts;
    } finally {
      run("runuser", "-u", "postgres", "--", pgCtl.toString(), "-D", dataDirectory.toString(), "-m", "fast", "-w",
          "stop");
    }
  }

  /**
   * A CLI over a fresh catalog and volume in {@code tmp} with the cluster on {@code port} as node
   * {@code pg}; {@code tmp} is opened to others, since restored copies are started as postgres.
   */
  static CliHarness harness(Path tmp, int port) throws IOException {
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    CliHarness cli = new CliHarness(tmp);
    cli.registerBasics();
    cli.ok("node", "add", "pg", "--engine", "postgresql", "--host", "127.0.0.1", "--port", Integer.toString(port));
    return cli;
  }

  static void sql(int port, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres",
        "");
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  static void run(String... argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", argv) + " failed: " + out);
    }
  }
}
