package io.coffer.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.model.ExistingPolicy;
import io.coffer.model.Kind;
import io.coffer.source.BackupReport;
import io.coffer.source.BackupRequest;
import io.coffer.source.Listener;
import io.coffer.source.MemoryStreams;
import io.coffer.source.RestoreReport;
import io.coffer.source.RestoreRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CLUSTER: every database and every role of one node, restored onto a fresh node. */
class PostgresClusterTest {

  private final PostgresDriver driver = new PostgresDriver();

  @Test
  void clusterBackup_restoredOntoAFreshNode_reproducesEveryDatabaseAndRole() throws Exception {
    try (ThrowawayCluster source = new ThrowawayCluster(); ThrowawayCluster target = new ThrowawayCluster()) {
      PgServer a = source.server();
      a.execute("postgres",
          "CREATE ROLE shop_owner LOGIN PASSWORD 'pw' CONNECTION LIMIT 3",
          "CREATE ROLE shop_staff NOLOGIN",
          "CREATE ROLE loner LOGIN VALID UNTIL '2040-01-01 00:00:00+00'",
          "GRANT shop_staff TO shop_owner",
          "ALTER ROLE loner SET work_mem = '16MB'",
          "CREATE DATABASE shop OWNER shop_owner",
          "CREATE DATABASE logs",
          "COMMENT ON DATABASE logs IS 'the logs'");
      a.execute("shop", "SET ROLE shop_owner",
          "CREATE TABLE items (id int PRIMARY KEY, name text)",
          "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 500) g",
          "GRANT SELECT ON items TO shop_staff");
      a.execute("logs", "CREATE TABLE lines (t timestamptz DEFAULT now(), line text)",
          "INSERT INTO lines (line) SELECT 'line ' || g FROM generate_series(1, 200) g");
      a.execute("postgres", "CREATE TABLE kept_in_postgres (x int)", "INSERT INTO kept_in_postgres VALUES (42)");
      List<String> roles = List.of("loner", "shop_owner", "shop_staff");
      List<String> rolesBefore = PgCanon.roles(a, roles);
      PgCanon shopBefore = PgCanon.of(a, driver, "shop");
      PgCanon logsBefore = PgCanon.of(a, driver, "logs");

      MemoryStreams streams = new MemoryStreams();
      BackupReport report = driver.backup(new BackupRequest(a.node(), null, Kind.CLUSTER, 2), streams, new Listener());

      assertThat(report.members()).extracting(m -> m.database()).containsExactly("logs", "postgres", "shop");
      assertThat(report.roles()).containsExactlyInAnyOrderElementsOf(roles);

      PgServer b = target.server();
      b.execute("postgres", "CREATE DATABASE extra");
      Listener listener = new Listener();
      RestoreReport restored = driver.restore(report,
          RestoreRequest.to(b.node()).withConflict(ExistingPolicy.DROP).withJobs(2), streams, listener);

      assertThat(restored.rolesCreated()).containsExactlyInAnyOrderElementsOf(roles);
      assertThat(listener.plans.get(0).extraDatabases()).containsExactly("extra");
      assertThat(listener.plans.get(0).render()).contains("drop existing database postgres");
      assertThat(PgCanon.roles(b, roles)).isEqualTo(rolesBefore);
      assertThat(PgCanon.of(b, driver, "shop")).isEqualTo(shopBefore);
      assertThat(PgCanon.of(b, driver, "logs")).isEqualTo(logsBefore);
      assertThat(b.strings("postgres", "SELECT x FROM kept_in_postgres")).containsExactly("42");
    }
  }
}
