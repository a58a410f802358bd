package io.coffer.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.definition.NewDefinition;
import io.coffer.catalog.node.NewNode;
import io.coffer.catalog.schedule.CronSpec;
import io.coffer.engine.Coffer;
import io.coffer.engine.TestHome;
import io.coffer.engine.demo.SampleDatabase;
import io.coffer.model.Engine;
import io.coffer.repo.TestData;
import io.coffer.repo.Volume;
import io.coffer.repo.VolumeOptions;
import io.coffer.repo.backend.LocalBackend;
import io.coffer.repo.crypto.KdfParams;
import io.coffer.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent whose PostgreSQL catalog goes away (a loopback proxy in front of the machine's server is
 * cut) keeps running its definition from the local cache, and every result appears in the catalog
 * exactly once when it is back. The scheduling clock is the test's, so hours pass in milliseconds.
 */
class AgentOutageTest {

  static final String ADMIN_URL = env("COFFER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
  static final String USER = env("COFFER_TEST_PG_USER", "postgres");

  @TempDir Path tmp;
  final String database = "coffer_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  CatalogProxy proxy;

  @BeforeEach
  void createDatabase() throws Exception {
    admin("create database " + database);
    java.net.URI server = java.net.URI.create(ADMIN_URL.substring("jdbc:".length()));
    proxy = new CatalogProxy(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort());
  }

  @AfterEach
  void dropDatabase() throws Exception {
    proxy.close();
    admin("drop database if exists " + database + " with (force)");
  }

  @Test
  void withTheCatalogCut_theAgentRunsFromItsCache_andEveryResultIsRecordedOnceWhenItIsBack() throws Exception {
    TestHome home = new TestHome(tmp);
    try (Volume v = Volume.init(new LocalBackend(home.volume), VolumeOptions.defaults().withKdf(KdfParams.weakForTests()),
        TestHome.PASSPHRASE.toCharArray(), TestData.masterKey("AgentOutageTest"))) {
      v.config();
    }
    SampleDatabase.ofSize(3, 200_000).create(home.data.resolve("shop.db"));
    TestClock clock = new TestClock(Instant.now());
    String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database;
    Map<String, String> settings = Map.of("COFFER_CATALOG_URL", url, "COFFER_CATALOG_USER", USER,
        "COFFER_AGENT_HEARTBEAT", "200ms", "COFFER_AGENT_POLL", "100ms", "COFFER_JOB_LEASE", "60s");
    try (Coffer coffer = home.open(home.config(settings))) {
      coffer.catalog().agents().add(NewAgent.of("backup01"));
      coffer.volumes().add("vault", home.volume.toString(), "");
      coffer.nodes().add(NewNode.builder("shop", Engine.SQLITE).dataDirectory(home.data.toString()).build());
      coffer.catalog().definitions().add(NewDefinition.of("backup01", "shop", "vault", DatabaseSelector.parse("shop.db"))
          .schedule(CronSpec.parse("0 * * * *")));
      AgentDaemon agent = coffer.agentDaemon(clock, "test");
      agent.start();
      Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
      try {
        clock.set(hour.plusSeconds(1));
        Await.until("the first scheduled backup", () -> count("select count(*) from backup where status = 'SUCCEEDED'") == 1);

        proxy.cut();
        clock.set(hour.plus(Duration.ofHours(1)).plusSeconds(1));
        Path pending = tmp.resolve("home").resolve("pending");
        Await.until("a pending result", () -> pendingFiles(pending) == 1);
        assertThat(count("select count(*) from backup")).as("nothing reached the catalog while it was cut").isEqualTo(1);

        proxy.restore();
        Await.until("the pending result recorded", () -> count("select count(*) from backup") == 2 && pendingFiles(pending) == 0);
        clock.set(hour.plus(Duration.ofHours(2)).plusSeconds(1));
        Await.until("the next scheduled backup", () -> count("select count(*) from backup where status = 'SUCCEEDED'") == 3);
      } finally {
        agent.stop(Duration.ofSeconds(5));
      }
      assertThat(count("select count(*) from backup")).isEqualTo(3);
      assertThat(count("select count(distinct manifest_id) from backup where status = 'SUCCEEDED'")).isEqualTo(3);
      // Backup jobs only: the clock passes hours of the day, and one of them may be the daily retention's.
      assertThat(count("select count(*) from job where type = 'BACKUP' and state = 'SUCCEEDED'"))
          .as("the two runs made online").isEqualTo(2);
    }
  }

  /** The pending result files in {@code pending}; -1 when they cannot be listed. */
  static long pendingFiles(Path pending) {
    if (!Files.isDirectory(pending)) {
      return 0;
    }
    try (var files = Files.list(pending)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  private long count(String sql) {
    try (Connection c = DriverManager.getConnection(ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + database,
        USER, ""); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
