package io.coffer.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.model.Kind;
import io.coffer.source.BackupReport;
import io.coffer.source.BackupRequest;
import io.coffer.source.Listener;
import io.coffer.source.MemoryStreams;
import io.coffer.source.RestoreReport;
import io.coffer.source.RestoreRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CLUSTER: every user database and every account of one server, restored onto a fresh server. */
class MariaDbClusterTest {

  private final MariaDbDriver driver = new MariaDbDriver();

  private static List<String> accounts(MyServer my, List<String> names) throws Exception {
    List<String> out = new ArrayList<>();
    for (String name : names) {
      if (name.contains("@")) {
        out.addAll(my.strings(null, "SHOW CREATE USER " + name));
      }
      List<String> grants = my.strings(null, "SHOW GRANTS FOR " + name);
      grants.sort(null);
      out.addAll(grants);
    }
    return out;
  }

  @Test
  void clusterBackup_restoredOntoAFreshServer_reproducesEveryDatabaseAndAccount() throws Exception {
    try (ThrowawayMariaDb source = new ThrowawayMariaDb(); ThrowawayMariaDb target = new ThrowawayMariaDb()) {
      MyServer a = source.server();
      a.execute(null,
          "CREATE DATABASE shop CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
          "CREATE DATABASE logs",
          "CREATE ROLE clerk",
          "CREATE USER 'owner'@'%' IDENTIFIED BY 'pw'",
          "CREATE USER 'monitor'@'localhost' IDENTIFIED BY 'mon'",
          "GRANT PROCESS ON *.* TO 'monitor'@'localhost'",
          "GRANT clerk TO 'owner'@'%'");
      a.execute("shop",
          "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50)) ENGINE=InnoDB",
          "INSERT INTO items SELECT seq, CONCAT('item ', seq) FROM seq_1_to_300",
          "CREATE VIEW cheap AS SELECT id FROM items WHERE id < 10",
          "CREATE PROCEDURE count_items() SELECT COUNT(*) FROM items");
      a.execute("logs", "CREATE TABLE entries (id INT AUTO_INCREMENT PRIMARY KEY, line TEXT)",
          "INSERT INTO entries (line) SELECT CONCAT('line ', seq) FROM seq_1_to_100");
      a.execute(null, "GRANT SELECT ON shop.* TO clerk", "GRANT ALL ON logs.* TO 'owner'@'%'");
      List<String> names = List.of("'owner'@'%'", "'monitor'@'localhost'", "clerk");
      List<String> accountsBefore = accounts(a, names);
      String shopSchema = a.schemaDump("shop");
      var shopContents = driver.contents(a.node(), "shop");
      var logsContents = driver.contents(a.node(), "logs");

      MemoryStreams streams = new MemoryStreams();
      BackupReport report = driver.backup(new BackupRequest(a.node(), null, Kind.CLUSTER, 1), streams, new Listener());

      assertThat(report.members()).extracting(m -> m.database()).containsExactly("logs", "shop");
      assertThat(report.roles()).containsExactlyInAnyOrderElementsOf(names);

      MyServer b = target.server();
      b.execute(null, "CREATE DATABASE extra");
      Listener listener = new Listener();
      RestoreReport restored = driver.restore(report, RestoreRequest.to(b.node()), streams, listener);

      assertThat(restored.rolesCreated()).containsExactlyInAnyOrderElementsOf(names);
      assertThat(listener.plans.get(0).extraDatabases()).containsExactly("extra");
      assertThat(accounts(b, names)).isEqualTo(accountsBefore);
      assertThat(b.schemaDump("shop")).isEqualTo(shopSchema);
      assertThat(driver.contents(b.node(), "shop")).isEqualTo(shopContents);
      assertThat(driver.contents(b.node(), "logs")).isEqualTo(logsContents);
    }
  }
}
