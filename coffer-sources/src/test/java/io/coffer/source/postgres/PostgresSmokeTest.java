package io.coffer.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.source.BackupReport;
import io.coffer.source.BackupRequest;
import io.coffer.source.ContentCheck;
import io.coffer.source.DatabaseSelector;
import io.coffer.source.Kind;
import io.coffer.source.Listener;
import io.coffer.source.MemoryStreams;
import io.coffer.source.RestoreRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostgresSmokeTest {

  private final PgServer pg = new PgServer();
  private final PostgresDriver driver = new PostgresDriver();

  @AfterEach
  void cleanUp() throws Exception {
    pg.close();
  }

  @Test
  void smoke() throws Exception {
    String src = pg.name("src");
    pg.execute("postgres", "CREATE DATABASE " + src);
    pg.execute(src, "CREATE TABLE t(id serial primary key, v text)", "INSERT INTO t(v) SELECT 'row ' || g FROM generate_series(1, 1000) g",
        "SELECT lo_from_bytea(0, 'hello')");
    MemoryStreams streams = new MemoryStreams();
    BackupReport report = driver.backup(new BackupRequest(pg.node(), DatabaseSelector.one(src), Kind.FULL, 2), streams, new Listener());
    System.out.println(io.coffer.source.SourceJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
    String dst = pg.name("dst");
    Listener l = new Listener();
    driver.restore(report, RestoreRequest.to(pg.node()).withTargetDatabase(dst).withJobs(2), streams, l);
    System.out.println(l.plans.get(0).render());
    assertThat(ContentCheck.differences(report.members().get(0).tables(), driver.contents(pg.node(), dst))).isEmpty();
  }
}
