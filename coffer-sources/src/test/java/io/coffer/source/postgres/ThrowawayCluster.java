package io.coffer.source.postgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of its own (initdb, pg_ctl start) on a free port, for CLUSTER backups: a
 * CLUSTER backup takes every database and role of a node, which on the shared server would include
 * other people's. Run as root, the server runs as the postgres user, as it must.
 */
final class ThrowawayCluster implements AutoCloseable {

  private final Path bin;
  private final Path dir;
  final int port;

  ThrowawayCluster() throws Exception {
    // The server binaries live beside the pg_dump the driver would choose for the shared server.
    bin = PgTools.standard().forServer(new PgServer().strings("postgres", "SHOW server_version").get(0)).bin();
    dir = Files.createTempDirectory("coffer-pgcluster-");
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      run(List.of("chown", "postgres", dir.toString()), false);
    }
    run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "postgres",
        "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"), root);
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
        "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "-w", "start"), root);
  }

  /** The cluster's data directory, for PHYSICAL backups that read it. */
  Path dataDirectory() {
    return dir.resolve("data");
  }

  /** The directory of the server programs (pgbench beside them on Debian is in /usr/bin). */
  Path bin() {
    return bin;
  }

  PgServer server() {
    return new PgServer(port);
  }

  private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>();
    if (asPostgres) {
      argv.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    argv.addAll(command);
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
  }

  @Override
  public void close() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop"), root);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
