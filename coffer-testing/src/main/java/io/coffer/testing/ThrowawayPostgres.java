package io.coffer.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a test's own (initdb, pg_ctl) on a free port, trusting local connections
 * as user {@code postgres}: for what a test must not do to the machine's shared server — take every
 * database and role of it, or stop it. Run as root, the server runs as the postgres user, as it must.
 */
public final class ThrowawayPostgres implements AutoCloseable {

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean root = "root".equals(System.getProperty("user.name"));

  /** Creates and starts a cluster with the server programs in {@code bin} (initdb, pg_ctl, postgres). */
  public ThrowawayPostgres(Path bin) throws IOException, InterruptedException {
    this.bin = bin;
    this.dir = Files.createTempDirectory("coffer-pgcluster-");
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    if (root) {
      run(List.of("chown", "postgres", dir.toString()), false);
    }
    run(List.of(bin.resolve("initdb").toString(), "-D", data(), "-A", "trust", "-U", "postgres", "--no-sync", "-E",
        "UTF8", "--locale=C.UTF-8"), root);
    start();
  }

  /** The server programs of the newest PostgreSQL installed the Debian way ({@code /usr/lib/postgresql/N/bin}). */
  public static Path newestInstalled() throws IOException {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
          .orElseThrow(() -> new IOException("no PostgreSQL server programs under /usr/lib/postgresql/*/bin"));
    }
  }

  public int port() {
    return port;
  }

  /** The cluster's data directory (PHYSICAL backups read it). */
  public Path dataDirectory() {
    return dir.resolve("data");
  }

  /** The directory of the server programs it runs. */
  public Path bin() {
    return bin;
  }

  /** The JDBC URL of database {@code db} on this cluster. */
  public String url(String db) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + db;
  }

  /** Starts the server and waits until it takes connections. */
  public void start() throws IOException, InterruptedException {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-l", dir.resolve("log").toString(), "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "-w", "-t", "120", "start"), root);
  }

  /** Stops the server the way an administrator would: sessions are ended, then it shuts down. */
  public void stop() throws IOException, InterruptedException {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w", "-t", "120", "stop"), root);
  }

  private String data() {
    return dataDirectory().toString();
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
  public void close() throws IOException, InterruptedException {
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "stop"), root);
    } catch (IOException alreadyStopped) {
      // Nothing runs: the directory can go.
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
