package io.coffer.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.store.ConnectionPool;
import io.coffer.catalog.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What only the embedded catalog must guarantee: every connection has WAL, a busy timeout and
 * foreign keys on, so a CLI and a daemon can write one catalog file at once.
 */
class SqliteCatalogTest {

  private final TestDatabase.Instance instance = TestDatabase.SQLITE.create();

  @AfterEach
  void drop() {
    instance.drop();
  }

  @Test
  void everyPooledConnection_hasWalBusyTimeoutAndForeignKeys() throws Exception {
    try (HikariDataSource dataSource = ConnectionPool.open(instance.settings().withPoolSize(3))) {
      List<Connection> held = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          Connection connection = dataSource.getConnection();
          held.add(connection);
          assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
          assertThat(pragma(connection, "busy_timeout")).isEqualTo("10000");
          assertThat(pragma(connection, "foreign_keys")).isEqualTo("1");
        }
      } finally {
        for (Connection connection : held) {
          connection.close();
        }
      }
    }
  }

  @Test
  void twoProcessesWritingAtOnce_bothSucceed() throws Exception {
    try (Catalog cli = Catalog.open(instance.settings().withActor("cli"));
        Catalog daemon = Catalog.open(instance.settings().withActor("daemon"))) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<?> first = pool.submit(() -> addAgents(cli, "cli", 40));
        Future<?> second = pool.submit(() -> addAgents(daemon, "daemon", 40));
        first.get();
        second.get();
      } finally {
        pool.shutdown();
      }
      assertThat(cli.agents().list()).hasSize(80);
      assertThat(daemon.history().list(null, 200)).hasSize(80);
    }
  }

  @Test
  void aReaderSeesCommittedWritesWhileAWriterHoldsTheLock() throws Exception {
    try (Catalog catalog = Catalog.open(instance.settings())) {
      catalog.agents().add(NewAgent.of("b1"));
      try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + instance.settings().sqliteFile().orElseThrow());
          Statement statement = writer.createStatement()) {
        statement.execute("begin immediate");
        statement.execute("update agent set remarks = 'uncommitted'");

        assertThat(catalog.agents().show("b1").remarks()).isEmpty();
        statement.execute("rollback");
      }
    }
  }

  private static void addAgents(Catalog catalog, String prefix, int count) {
    for (int i = 0; i < count; i++) {
      catalog.agents().add(NewAgent.of(prefix + i));
    }
  }

  private static String pragma(Connection connection, String name) throws Exception {
    try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("pragma " + name)) {
      row.next();
      return row.getString(1);
    }
  }
}
