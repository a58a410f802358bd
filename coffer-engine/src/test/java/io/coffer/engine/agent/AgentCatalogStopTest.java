package io.coffer.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.definition.NewDefinition;
import io.coffer.catalog.schedule.CronSpec;
import io.coffer.engine.Coffer;
import io.coffer.engine.TestHome;
import io.coffer.repo.Volume;
import io.coffer.repo.BackupInfo;
import io.coffer.repo.backend.FaultyBackend;
import io.coffer.repo.backend.FaultyBackend.Operation;
import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.LocalBackend;
import io.coffer.testing.Await;
import io.coffer.testing.ThrowawayPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent whose PostgreSQL catalog server is stopped (pg_ctl stop, a cluster of the test's own)
 * while it runs scheduled backups — one of them between its RUNNING row and its manifest — and
 * then started again: every backup appears in the catalog exactly once, the one caught in the middle
 * on its own RUNNING row, and every job that ran ends once. The scheduling clock is the test's.
 */
class AgentCatalogStopTest {

  @TempDir Path tmp;
  ThrowawayPostgres server;

  @BeforeEach
  void startServer() throws Exception {
    server = new ThrowawayPostgres(ThrowawayPostgres.newestInstalled());
  }

  @AfterEach
  void removeServer() throws Exception {
    server.close();
  }

  @Test
  void theCatalogServerStoppedMidBackupAndStartedAgain_getsEveryResultExactlyOnce() throws Exception {
    TestHome home = new TestHome(tmp);
    Map<String, String> settings = Map.of("COFFER_CATALOG_URL", server.url("postgres"), "COFFER_CATALOG_USER",
        "postgres", "COFFER_AGENT_HEARTBEAT", "200ms", "COFFER_AGENT_POLL", "100ms", "COFFER_JOB_LEASE", "60s");
    try (Coffer setup = home.open(home.config(settings))) {
      setup.catalog().agents().add(NewAgent.of("backup01"));
    }
    home.setUp(300_000, settings);
    AtomicReference<FaultyBackend> volumeBackend = new AtomicReference<>();
    TestClock clock = new TestClock(Instant.now());
    try (Coffer coffer = Coffer.open(home.config(settings), location -> TestHome.PASSPHRASE.toCharArray(),
        backend -> {
          FaultyBackend faulty = new FaultyBackend(backend);
          volumeBackend.set(faulty);
          return faulty;
        })) {
      coffer.catalog().definitions().add(NewDefinition.of("backup01", "shop", "vault", DatabaseSelector.parse("shop.db"))
          .schedule(CronSpec.parse("0 * * * *")));
      AgentDaemon agent = coffer.agentDaemon(clock, "test");
      agent.start();
      Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
      Path pending = tmp.resolve("home").resolve("pending");
      List<Throwable> stopFailures = new ArrayList<>();
      try {
        clock.set(hour.plusSeconds(1));
        Await.until("the first scheduled backup", () -> count("select count(*) from backup where status = 'SUCCEEDED'") == 1);

        // The next backup has its RUNNING row and has written its data; the server stops just
        // before its manifest, so its end can only go to a pending file.
        volumeBackend.get().onceBefore(Operation.SAVE, FileType.BACKUP, () -> {
          try {
            server.stop();
          } catch (Exception e) {
            stopFailures.add(e);
          }
        });
        clock.set(hour.plus(Duration.ofHours(1)).plusSeconds(1));
        Await.until("the result of the backup caught by the stop, pending", () -> AgentOutageTest.pendingFiles(pending) == 1);
        assertThat(stopFailures).isEmpty();
        // Still stopped: the next run goes from the local cache to a pending file of its own.
        clock.set(hour.plus(Duration.ofHours(2)).plusSeconds(1));
        Await.until("the result of the run made while the server was down, pending", () -> AgentOutageTest.pendingFiles(pending) == 2);

        server.start();
        Await.until("both pending results recorded", () -> AgentOutageTest.pendingFiles(pending) == 0
            && count("select count(*) from backup where status = 'SUCCEEDED'") == 3);
        Await.until("the job caught by the stop ended", () -> count("select count(*) from job where state = 'RUNNING'") == 0);
        clock.set(hour.plus(Duration.ofHours(3)).plusSeconds(1));
        Await.until("the next scheduled backup", () -> count("select count(*) from backup where status = 'SUCCEEDED'") == 4);
      } finally {
        agent.stop(Duration.ofSeconds(10));
      }
    }
    assertThat(count("select count(*) from backup")).as("one row per backup").isEqualTo(4);
    assertThat(count("select count(*) from backup where status = 'RUNNING'")).isZero();
    // Backup jobs only: the clock passes hours of the day, and one of them may be the daily retention's.
    assertThat(count("select count(*) from job where type = 'BACKUP' and state = 'SUCCEEDED'"))
        .as("the three runs made online, once each").isEqualTo(3);
    assertThat(count("select count(*) from job where state <> 'SUCCEEDED'")).isZero();
    assertThat(count("select count(*) from job where attempt > 1")).as("no job was run twice").isZero();
    Set<String> inCatalog = new HashSet<>(strings("select manifest_id from backup"));
    try (Volume volume = Volume.open(new LocalBackend(home.volume), TestHome.PASSPHRASE.toCharArray())) {
      assertThat(volume.backups()).extracting(BackupInfo::id).as("the volume's backups are the catalog's")
          .hasSize(4).containsExactlyInAnyOrderElementsOf(inCatalog);
    }
  }

  private long count(String sql) {
    try {
      return Long.parseLong(strings(sql).get(0));
    } catch (SQLException e) {
      // The server is down: no count yet.
      return -1;
    }
  }

  private List<String> strings(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(server.url("postgres"), "postgres", "");
        Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }
}
