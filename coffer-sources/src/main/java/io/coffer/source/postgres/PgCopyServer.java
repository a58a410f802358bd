package io.coffer.source.postgres;

import io.coffer.model.CredentialReference;
import io.coffer.model.Host;
import io.coffer.source.NodeAccess;
import io.coffer.source.ServerStart;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server on a restored data directory, for verification: a spare loopback
 * port, its socket in a private directory, and settings that keep the copy from reaching out —
 * archiving off (its archive command would write into the original's archive), no logical
 * replication workers (its subscriptions would pull from the original's publishers), a small
 * shared_buffers. It runs as the data directory's owner (PostgreSQL refuses root). Authentication
 * on the port is the original's (md5 or SCRAM against the copy's own roles) when the node has a
 * credential, else trust; the socket trusts its owner. Configuration files that lived outside the
 * data directory are replaced by empty ones. Closing stops the server and removes its private files.
 */
final class PgCopyServer implements AutoCloseable {

  /** Bounds a start that hangs; a server that died fails at once. Replaying much WAL takes long. */

  private final Path work;
  private final Process process;
  private final NodeAccess node;
  private final Duration startup;

  private PgCopyServer(Path work, Process process, NodeAccess node, Duration startup) {
    this.work = work;
    this.process = process;
    this.node = node;
    this.startup = startup;
  }

  /** Starts the server on {@code data} with the programs in {@code bin} and waits until it takes connections. */
  static PgCopyServer start(Path bin, Path data, NodeAccess original) throws IOException, InterruptedException {
    int uid = (Integer) Files.getAttribute(data, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int gid = (Integer) Files.getAttribute(data, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    Path work = Files.createTempDirectory("coffer-verify-pg-");
    try {
      Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));
      Files.setAttribute(work, "unix:uid", uid);
      Files.setAttribute(work, "unix:gid", gid);
      boolean trust = original.credential().source() == CredentialReference.Source.NONE;
      Files.writeString(work.resolve("pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 "
          + (trust ? "trust" : "md5") + "\n");
      Files.writeString(work.resolve("pg_ident.conf"), "");
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      List<String> argv = new ArrayList<>();
      if (Host.runsAsRoot()) {
        argv.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
      }
      argv.addAll(List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
          "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + work,
          "-c", "hba_file=" + work.resolve("pg_hba.conf"), "-c", "ident_file=" + work.resolve("pg_ident.conf"),
          "-c", "archive_mode=off", "-c", "max_logical_replication_workers=0", "-c", "shared_buffers=64MB",
          "-c", "huge_pages=try", "-c", "logging_collector=off", "-c", "log_destination=stderr"));
      if (!Files.exists(data.resolve("postgresql.conf"))) {
        Files.writeString(work.resolve("postgresql.conf"), "");
        argv.addAll(List.of("-c", "config_file=" + work.resolve("postgresql.conf")));
      }
      long begun = System.nanoTime();
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(work.resolve("server.log").toFile())
          .start();
      NodeAccess node = NodeAccess.postgresql("127.0.0.1", port, original.adminUser(), original.credential());
      awaitConnections(p, node, work.resolve("server.log"));
      return new PgCopyServer(work, p, node, Duration.ofNanos(System.nanoTime() - begun));
    } catch (IOException | InterruptedException | RuntimeException e) {
      delete(work);
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
    ServerStart.awaitConnections(p, log, PgCopyServer::givesReason, 8, () -> {
      try (PgConnector connector = new PgConnector(node)) {
        PgConnector.close(connector.openMaintenance());
      }
    });
  }

  /** The lines of PostgreSQL's log that say why it stopped. */
  private static boolean givesReason(String line) {
    return line.contains("PANIC:") || line.contains("FATAL:") || line.contains("ERROR:");
  }

  /** The server's log for a failure message: the lines that say why, then its last lines. */
  static String tail(Path log) {
    return ServerStart.logExcerpt(log, PgCopyServer::givesReason, 8);
  }

  /** The server's log so far. */
  String log() {
    return tail(work.resolve("server.log"));
  }

  @Override
  public void close() throws IOException {
    // SIGINT is PostgreSQL's fast shutdown: sessions are ended, then it stops cleanly.
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      delete(work);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
