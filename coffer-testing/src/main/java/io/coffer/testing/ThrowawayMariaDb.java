package io.coffer.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB server of a test's own (mariadb-install-db, mariadbd) on a scratch data directory and a
 * free loopback port, user root with an empty password: for what a test must not do to the machine's
 * shared server, such as copy all its files. No option file is read ({@code --no-defaults}), so
 * nothing of the machine's server is shared. Run as root, the server runs as the mysql user.
 */
public final class ThrowawayMariaDb implements AutoCloseable {

  private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
  private final Path dir;
  private final int port;
  private final boolean root = "root".equals(System.getProperty("user.name"));
  private final Process process;

  /** Creates the data directory and starts the server; returns once root can log in. */
  public ThrowawayMariaDb() throws IOException, InterruptedException {
    dir = Files.createTempDirectory("coffer-mariadb-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(dataDirectory());
    Files.createDirectories(dir.resolve("run"));
    if (root) {
      run(List.of("chown", "mysql:mysql", dataDirectory().toString(), dir.resolve("run").toString()));
    }
    List<String> install = new ArrayList<>(List.of("mariadb-install-db", "--no-defaults", "--datadir="
        + dataDirectory(), "--auth-root-authentication-method=normal", "--skip-test-db"));
    List<String> server = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults", "--datadir=" + dataDirectory()));
    if (root) {
      install.add("--user=mysql");
      server.add("--user=mysql");
    }
    run(install);
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    server.addAll(List.of("--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("run/sock"),
        "--pid-file=" + dir.resolve("run/pid"), "--log-error=" + dir.resolve("run/error.log"),
        "--innodb-buffer-pool-size=64M"));
    process = new ProcessBuilder(server).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    awaitLogin();
  }

  public int port() {
    return port;
  }

  /** The server's data directory (PHYSICAL backups read it). */
  public Path dataDirectory() {
    return dir.resolve("data");
  }

  /** The JDBC URL of database {@code db} on this server (empty: none). */
  public String url(String db) {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + db;
  }

  private void awaitLogin() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (true) {
      if (!process.isAlive()) {
        throw new IOException("mariadbd exited with code " + process.exitValue() + ": " + log());
      }
      try {
        DriverManager.getConnection(url(""), "root", "").close();
        return;
      } catch (SQLException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IOException("mariadbd took no connections within 2 minutes: " + log(), notYet);
        }
      }
      Thread.sleep(200);
    }
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("run/error.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
