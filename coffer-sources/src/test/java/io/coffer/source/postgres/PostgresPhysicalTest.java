package io.coffer.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.model.Engine;
import io.coffer.source.ContentCheck;
import io.coffer.source.MemoryStreams;
import io.coffer.source.PhysicalCheck;
import io.coffer.source.PhysicalDriver;
import io.coffer.source.PhysicalReport;
import io.coffer.source.PhysicalRequest;
import io.coffer.source.PhysicalRestored;
import io.coffer.source.SourceDrivers;
import io.coffer.source.SourceException;
import io.coffer.source.SourceListener;
import io.coffer.source.StreamReport;
import io.coffer.source.TableReport;
import io.coffer.testing.Await;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PHYSICAL backups of a throwaway cluster of the installed PostgreSQL, taken while pgbench writes:
 * restored, started, checked for TPC-B's balance invariant (which a torn or mixed copy breaks), and
 * compared with the original for a table the load does not touch.
 */
class PostgresPhysicalTest {

  private static ThrowawayCluster cluster;
  private static PgServer server;
  private final PhysicalDriver driver = physical();
  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    cluster = new ThrowawayCluster();
    server = cluster.server();
    run("pgbench", "-i", "-q", "-s", "2", "-h", "127.0.0.1", "-p", Integer.toString(cluster.port), "-U", "postgres",
        "postgres");
    server.execute("postgres", "CREATE TABLE kept AS SELECT g AS id, md5(g::text) AS payload FROM"
        + " generate_series(1, 20000) g", "CHECKPOINT");
  }

  /** The copies run as the postgres user, who must reach them. */
  @BeforeEach
  void reachable() throws Exception {
    Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  @Test
  void backupUnderPgbenchLoad_restoresIntoANewDataDirectory_thatStartsConsistent() throws Exception {
    long historyBefore = count("pgbench_history");
    Process load = new ProcessBuilder("pgbench", "-n", "-c", "2", "-T", "600", "-h", "127.0.0.1", "-p",
        Integer.toString(cluster.port), "-U", "postgres", "postgres").redirectErrorStream(true)
        .redirectOutput(tmp.resolve("pgbench.log").toFile()).start();
    PhysicalReport report;
    Path restored = tmp.resolve("restored");
    MemoryStreams streams = new MemoryStreams();
    try {
      awaitWrites(load, historyBefore);
      report = driver.backup(new PhysicalRequest(server.node(), null), new DirectoryTreeSink(restored), streams,
          SourceListener.NONE);
      assertThat(load.isAlive()).as("pgbench still writing when the backup ended").isTrue();
    } finally {
      load.destroy();
      load.waitFor(1, TimeUnit.MINUTES);
    }

    assertThat(report.dataDirectory()).isEqualTo(cluster.dataDirectory().toString());
    assertThat(report.streams()).extracting(StreamReport::name).contains(PgBaseBackup.LABEL)
        .anyMatch(n -> n.matches("pg_wal/[0-9A-F]{24}"));
    assertThat(report.databases()).contains("postgres");
    assertThat(restored.resolve("postmaster.pid")).doesNotExist();
    assertThat(restored.resolve("pg_wal")).doesNotExist();
    assertThat(server.strings("postgres", "SELECT count(*) FROM pg_replication_slots")).containsExactly("0");

    PhysicalRestored done = driver.restore(report, streams, restored, SourceListener.NONE);
    assertThat(done.dataDirectory()).isEqualTo(restored);
    assertThat(restored.resolve("backup_label")).exists();

    PhysicalCheck check = driver.verify(report, restored, server.node(), SourceListener.NONE);
    assertThat(check.problems()).isEmpty();
    assertThat(check.tables()).isGreaterThanOrEqualTo(5);

    try (PgCopyServer copy = PgCopyServer.start(cluster.bin(), restored, server.node())) {
      PgServer started = new PgServer(copy.node().port());
      List<String> sums = started.strings("postgres", "SELECT (SELECT sum(abalance) FROM pgbench_accounts),"
          + " (SELECT sum(tbalance) FROM pgbench_tellers), (SELECT sum(bbalance) FROM pgbench_branches),"
          + " (SELECT coalesce(sum(delta), 0) FROM pgbench_history), (SELECT count(*) FROM pgbench_history)");
      String[] s = sums.get(0).split("\\|");
      assertThat(List.of(s[1], s[2], s[3])).as("TPC-B balances of the copy: " + sums).containsOnly(s[0]);
      assertThat(Long.parseLong(s[4])).as("transactions the copy holds").isGreaterThan(historyBefore);
      PostgresDriver reader = new PostgresDriver();
      List<TableReport> original = only("kept", reader.contents(server.node(), "postgres"));
      assertThat(ContentCheck.differences(original, only("kept", reader.contents(copy.node(), "postgres"))))
          .isEmpty();
    }
  }

  @Test
  void verify_failsWhenTheCopyLacksWal_andWhenAPageIsDamaged() throws Exception {
    Path restored = tmp.resolve("restored");
    MemoryStreams streams = new MemoryStreams();
    PhysicalReport report = driver.backup(new PhysicalRequest(server.node(), null), new DirectoryTreeSink(restored),
        streams, SourceListener.NONE);
    Path copy = tmp.resolve("copy");
    run("cp", "-a", restored.toString(), copy.toString());
    driver.restore(report, streams, restored, SourceListener.NONE);
    driver.restore(report, streams, copy, SourceListener.NONE);

    String first = report.streams().stream().map(StreamReport::name).filter(n -> n.startsWith("pg_wal/0")).findFirst()
        .orElseThrow();
    Files.delete(copy.resolve(first));
    assertThatThrownBy(() -> driver.verify(report, copy, server.node(), SourceListener.NONE))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("exited with code")
        .hasMessageContaining("checkpoint");

    String file = server.strings("postgres", "SELECT pg_relation_filepath('kept')").get(0);
    try (RandomAccessFile f = new RandomAccessFile(restored.resolve(file).toFile(), "rw")) {
      f.seek(8192 + 10);
      f.write(new byte[64]);
      f.seek(8192);
      f.write("damaged page header!".getBytes());
    }
    PhysicalCheck check = driver.verify(report, restored, server.node(), SourceListener.NONE);
    assertThat(check.passed()).isFalse();
    assertThat(check.problems()).singleElement().asString().startsWith("database postgres cannot be read completely");
  }

  @Test
  void backup_refusesADataDirectoryThatIsNotTheServersOwn() throws Exception {
    Path elsewhere = Files.createDirectories(tmp.resolve("other/global"));
    assertThatThrownBy(() -> driver.backup(new PhysicalRequest(server.node(), elsewhere.getParent()),
        new DirectoryTreeSink(tmp.resolve("out")), new MemoryStreams(), SourceListener.NONE))
        .hasMessageContaining("is not a PostgreSQL data directory on this host (no PG_VERSION)");
    Files.writeString(elsewhere.resolveSibling("PG_VERSION"), "15\n");
    Files.write(elsewhere.resolve("pg_control"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    assertThatThrownBy(() -> driver.backup(new PhysicalRequest(server.node(), elsewhere.getParent()),
        new DirectoryTreeSink(tmp.resolve("out")), new MemoryStreams(), SourceListener.NONE))
        .hasMessageContaining("belongs to another cluster (system identifier 578437695752307201)");
    assertThat(tmp.resolve("out")).doesNotExist();
    assertThat(server.strings("postgres", "SELECT count(*) FROM pg_replication_slots")).containsExactly("0");
  }

  private static PhysicalDriver physical() {
    try {
      return SourceDrivers.physical(Engine.POSTGRESQL);
    } catch (SourceException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<TableReport> only(String table, List<TableReport> all) {
    return all.stream().filter(t -> t.table().equals(table)).toList();
  }

  private static long count(String table) throws Exception {
    return Long.parseLong(server.strings("postgres", "SELECT count(*) FROM " + table).get(0));
  }

  /** Waits until pgbench has committed transactions; fails at once if it died. */
  private static void awaitWrites(Process load, long before) throws Exception {
    Await.until("pgbench's first 50 transactions", () -> count("pgbench_history") >= before + 50,
        () -> assertThat(load.isAlive()).as("pgbench running").isTrue());
  }

  private static void run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
    }
  }
}
