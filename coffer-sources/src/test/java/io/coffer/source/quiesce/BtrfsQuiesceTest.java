package io.coffer.source.quiesce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.source.ConcurrentWriter;
import io.coffer.source.process.Cancellation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The btrfs method for real: a btrfs filesystem in a file on a loop device, SQLite writing to it
 * without pause, and the copy read from the read-only snapshot is a consistent database.
 */
class BtrfsQuiesceTest {

  @TempDir Path tmp;
  private Path mnt;
  private Path data;

  @BeforeEach
  void mountBtrfs() throws Exception {
    Path image = tmp.resolve("btrfs.img");
    sh("truncate", "-s", "256M", image.toString());
    sh("mkfs.btrfs", "-q", image.toString());
    mnt = Files.createDirectories(tmp.resolve("mnt"));
    sh("mount", "-o", "loop", image.toString(), mnt.toString());
    sh("btrfs", "subvolume", "create", mnt.resolve("data").toString());
    data = Files.createDirectories(mnt.resolve("data/sqlite"));
  }

  @AfterEach
  void unmount() throws Exception {
    sh("umount", mnt.toString());
  }

  @Test
  void snapshotOfADatabaseUnderWriteLoad_isConsistent_andIsDeletedAfterwards() throws Exception {
    AtomicLong pairs = new AtomicLong();
    String url = "jdbc:sqlite:" + data.resolve("app.db");
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("create table t (id integer primary key, pair integer not null, payload text)");
    }
    try (ConcurrentWriter writer = ConcurrentWriter.start(() -> {
      Connection c = DriverManager.getConnection(url);
      c.setAutoCommit(false);
      return c;
    }, 1, (s, random) -> {
      // Two rows per transaction: a torn copy would show an odd count.
      long pair = pairs.getAndIncrement();
      s.execute("insert into t (pair, payload) values (" + pair + ", hex(randomblob(512)))");
      s.execute("insert into t (pair, payload) values (" + pair + ", hex(randomblob(512)))");
      s.getConnection().commit();
    })) {
      writer.awaitCommits(200);
      Quiesce btrfs = QuiesceMethods.create("btrfs", Map.of(), data, tmp.resolve("state"), Tools.system());
      Path copy = Files.createDirectories(tmp.resolve("copy"));
      try (Hold hold = btrfs.hold(new Cancellation())) {
        assertThat(hold.directory().toString()).startsWith(mnt.resolve(".coffer-snapshots/coffer-").toString())
            .endsWith("/sqlite");
        assertThatThrownBy(() -> Files.writeString(hold.directory().resolve("x"), "x"))
            .hasMessageContaining("Read-only file system");
        // The database keeps taking writes while its snapshot is held.
        writer.awaitCommits(writer.commits() + 1);
        try (Stream<Path> files = Files.list(hold.directory())) {
          for (Path f : files.toList()) {
            Files.copy(f, copy.resolve(f.getFileName().toString()));
          }
        }
      }
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy.resolve("app.db"));
          Statement s = c.createStatement()) {
        ResultSet check = s.executeQuery("pragma integrity_check");
        check.next();
        assertThat(check.getString(1)).isEqualTo("ok");
        ResultSet rows = s.executeQuery("select count(*), count(distinct pair) from t");
        rows.next();
        assertThat(rows.getLong(1)).isGreaterThanOrEqualTo(400).isEqualTo(2 * rows.getLong(2));
      }
      try (Stream<Path> left = Files.list(mnt.resolve(".coffer-snapshots"))) {
        assertThat(left.toList()).isEmpty();
      }
    }
  }

  @Test
  void leftoverSnapshotOfAKilledRun_isRemovedByTheNextRun() throws Exception {
    Path snapshots = Files.createDirectories(mnt.resolve(".coffer-snapshots"));
    String dead = "coffer-20250101T000000-9999999";
    sh("btrfs", "subvolume", "snapshot", "-r", mnt.resolve("data").toString(), snapshots.resolve(dead).toString());
    Quiesce btrfs = QuiesceMethods.create("btrfs", Map.of(), data, tmp.resolve("state"), Tools.system());
    assertThat(btrfs.recover()).containsExactly("removed btrfs snapshot " + snapshots.resolve(dead)
        + ", left by a backup that was killed");
    assertThat(snapshots.resolve(dead)).doesNotExist();
  }

  @Test
  void aDirectoryNotOnBtrfs_isRefusedWithItsFilesystem() {
    Quiesce btrfs = QuiesceMethods.create("btrfs", Map.of(), tmp, tmp.resolve("state"), Tools.system());
    assertThatThrownBy(() -> btrfs.hold(new Cancellation()))
        .hasMessageStartingWith("quiesce method btrfs needs the data directory on btrfs; " + tmp + " is on ");
  }

  static String sh(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
    }
    return out;
  }
}
