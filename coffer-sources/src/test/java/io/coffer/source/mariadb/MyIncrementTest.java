package io.coffer.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.model.Engine;
import io.coffer.source.Listener;
import io.coffer.source.MemoryStreams;
import io.coffer.source.PhysicalChain;
import io.coffer.source.PhysicalReport;
import io.coffer.source.PhysicalRequest;
import io.coffer.source.SourceException;
import io.coffer.testing.Await;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MariaDB driver's increments, against a server of the test's own: a parent that recorded no
 * LSN (a backup made before increments) gives a full copy and a log line saying so; a parent with
 * one gives an increment from its {@code to_lsn} that names the parent's manifest; a chain whose
 * increment does not start where the backup before it ended is refused before anything is written.
 */
class MyIncrementTest {

  private final MyPhysicalDriver driver = new MyPhysicalDriver();
  @TempDir Path tmp;

  @Test
  void parentWithoutAnLsn_isAFullCopy_aParentWithOne_anIncrement_andAGapInTheChainIsRefused() throws Exception {
    try (ThrowawayMariaDb server = new ThrowawayMariaDb(); MyServer my = server.server()) {
      my.execute(null, "CREATE DATABASE shop");
      my.execute("shop", "CREATE TABLE items (id int PRIMARY KEY) ENGINE=InnoDB",
          "INSERT INTO items SELECT seq FROM seq_1_to_1000");
      PhysicalRequest request = new PhysicalRequest(my.node(), null);
      PhysicalReport old = new PhysicalReport(Engine.MARIADB, "old", "10.11.19-MariaDB", "mariadb-backup", "/old",
          Instant.EPOCH, Instant.EPOCH, "", "", "", List.of(), null, List.of(), List.of(), 0, Map.of());
      Listener log = new Listener();
      MemoryStreams fullStreams = new MemoryStreams();
      PhysicalReport full = driver.backup(request.withParent(new PhysicalRequest.Parent(7, "m7", old)), null,
          fullStreams, log);
      assertThat(log.warnings).anyMatch(w -> w.contains("parent backup 7 recorded no InnoDB LSN")
          && w.contains("this level is a full copy"));
      assertThat(full.baseManifest()).isEmpty();
      assertThat(full.detail("from_lsn")).isEqualTo("0");
      assertThat(full.consistency()).startsWith("mariadb-backup: ");

      my.execute(null, "UPDATE shop.items SET id = id + 5000 WHERE id <= 10");
      // Level 1 ends at the last checkpoint before it: only once one has passed level 0's end does
      // level 2 (which starts where level 1 ended) start elsewhere than level 0 ended, which is what
      // makes leaving out level 1 a gap.
      checkpointPast(my, MyBaseBackup.toLsn(full));
      MemoryStreams oneStreams = new MemoryStreams();
      PhysicalReport one = driver.backup(request.withParent(new PhysicalRequest.Parent(8, "m8", full)), null,
          oneStreams, new Listener());
      assertThat(one.baseManifest()).contains("m8");
      assertThat(one.detail(PhysicalReport.INCREMENT_OF_BACKUP)).isEqualTo("8");
      assertThat(one.detail("from_lsn")).isEqualTo(full.detail("to_lsn"));
      assertThat(one.consistency()).startsWith("mariadb-backup increment on backup 8 from LSN " + full.detail("to_lsn"));
      assertThat(oneStreams.bytes(MyBaseBackup.STREAM).length).isLessThan(fullStreams.bytes(MyBaseBackup.STREAM).length);

      my.execute(null, "UPDATE shop.items SET id = id + 9000 WHERE id BETWEEN 500 AND 510");
      PhysicalReport two = driver.backup(request.withParent(new PhysicalRequest.Parent(9, "m9", one)), null,
          new MemoryStreams(), new Listener());
      Path target = tmp.resolve("gap");
      PhysicalChain gap = new PhysicalChain(List.of(new PhysicalChain.Link("backup 8", full, fullStreams),
          new PhysicalChain.Link("backup 10", two, new MemoryStreams())));
      assertThatThrownBy(() -> driver.restore(gap, target, new Listener())).isInstanceOf(SourceException.class)
          .hasMessageContaining("the chain of backup 10 is broken: backup 10 starts at InnoDB LSN "
              + two.detail("from_lsn") + ", but backup 8 before it ends at " + full.detail("to_lsn"))
          .hasMessageContaining("nothing was written");
      assertThat(target).doesNotExist();
    }
  }

  /** Flushes InnoDB's dirty pages until its last checkpoint lies beyond {@code lsn}. */
  private static void checkpointPast(MyServer my, long lsn) throws Exception {
    my.execute(null, "SET GLOBAL innodb_max_dirty_pages_pct = 0");
    try {
      Await.until("an InnoDB checkpoint after LSN " + lsn, () -> Long.parseLong(my.strings(null,
          "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
              + " WHERE VARIABLE_NAME = 'INNODB_LSN_LAST_CHECKPOINT'").get(0)) > lsn);
    } finally {
      my.execute(null, "SET GLOBAL innodb_max_dirty_pages_pct = DEFAULT");
    }
  }
}
