package io.coffer.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.definition.NewDefinition;
import io.coffer.catalog.retention.Redundancy;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.catalog.schedule.CronSpec;
import io.coffer.engine.Coffer;
import io.coffer.engine.TestHome;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.config.ConfigLoader;
import io.coffer.engine.demo.SampleDatabase;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.Volume;
import io.coffer.repo.backend.LocalBackend;
import io.coffer.source.SourceListener;
import io.coffer.testing.Await;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog's retention run by agents on {@code retention.schedule}: two agents on one catalog
 * both see its time come, one RETENTION job is queued and carried out, the expired backup leaves the
 * catalog and its volume, and the prune frees what it alone held. The agents' clock is the test's.
 */
class AgentRetentionTest {

  @TempDir Path tmp;

  @Test
  void twoAgents_runTheRetentionScheduleOnce_andTheExpiredBackupIsForgottenAndPruned() throws Exception {
    TestHome home = new TestHome(tmp);
    home.setUp(300_000);
    ZoneId zone = ZoneId.systemDefault();
    Instant fire = LocalDate.now(zone).plusDays(1).atTime(LocalTime.of(4, 30)).atZone(zone).toInstant();
    TestClock clock = new TestClock(fire.minusSeconds(30));
    Map<String, String> settings = Map.of("COFFER_HOME", tmp.resolve("home").toString(),
        "COFFER_AGENT_HEARTBEAT", "200ms", "COFFER_AGENT_POLL", "100ms", "COFFER_RETENTION_SCHEDULE", "30 4 * * *");
    try (Coffer first = open(home, "r1", settings); Coffer second = open(home, "r2", settings)) {
      first.catalog().agents().add(NewAgent.of("r1"));
      first.catalog().agents().add(NewAgent.of("r2"));
      long definition = first.catalog().definitions().add(NewDefinition.of("r1", "shop", "vault",
          DatabaseSelector.parse("shop.db")).schedule(CronSpec.parse("0 1 1 1 *"))
          .retention(RetentionPeriod.parse("1 day")).redundancy(new Redundancy(1))).id();
      first.backups().run(BackupOrder.ofDefinition(definition), ProgressListener.NONE, SourceListener.NONE);
      SampleDatabase.ofSize(7, 300_000).ship(home.data.resolve("shop.db"), 0.2);
      first.backups().run(BackupOrder.ofDefinition(definition), ProgressListener.NONE, SourceListener.NONE);
      // The first backup finished three days ago: beyond the period and the newest one.
      sql(home, "update backup set started_at = started_at - 259200000, finished_at = finished_at - 259200000"
          + " where id = 1");
      AgentDaemon a = first.agentDaemon(clock, "test");
      AgentDaemon b = second.agentDaemon(clock, "test");
      a.start();
      b.start();
      try {
        Await.until("both agents polling", () -> a.idle() && b.idle());
        assertThat(count(home, "select count(*) from job where type = 'RETENTION'")).as("not due yet").isZero();

        clock.set(fire.plusSeconds(1));
        Await.until("the retention job ended", () -> count(home, "select count(*) from job where type = 'RETENTION'"
            + " and state in ('SUCCEEDED', 'FAILED')") == 1);
        Await.until("both agents idle again", () -> a.idle() && b.idle());
      } finally {
        a.stop(Duration.ofSeconds(5));
        b.stop(Duration.ofSeconds(5));
      }
      assertThat(count(home, "select count(*) from job where type = 'RETENTION'")).as("one job for two agents")
          .isEqualTo(1);
      assertThat(string(home, "select state || ' ' || schedule_key || ' ' || log from job where type = 'RETENTION'"))
          .startsWith("SUCCEEDED retention at " + fire).contains("retention removed 1 backup(s), pruned 1 volume(s)");
      assertThat(count(home, "select count(*) from backup")).isEqualTo(1);
      assertThat(count(home, "select count(*) from backup where id = 1")).as("the expired backup").isZero();
    }
    try (Volume volume = Volume.open(new LocalBackend(home.volume), TestHome.PASSPHRASE.toCharArray())) {
      assertThat(volume.backups()).hasSize(1);
      assertThat(volume.check(true, ProgressListener.NONE).ok()).isTrue();
    }
  }

  private static Coffer open(TestHome home, String agent, Map<String, String> settings) {
    Map<String, String> env = new java.util.HashMap<>(settings);
    env.put("COFFER_AGENT", agent);
    return Coffer.open(new ConfigLoader(env, home.root, home.root.resolve("no-such-file.yaml")).load(),
        location -> TestHome.PASSPHRASE.toCharArray());
  }

  private static long count(TestHome home, String sql) {
    return Long.parseLong(string(home, sql));
  }

  private static String string(TestHome home, String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.root.resolve("home").resolve("catalog.db"));
        Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sql(TestHome home, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.root.resolve("home").resolve("catalog.db"));
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
