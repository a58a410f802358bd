package io.coffer.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The size a backup asks for before it starts (the engine warms up only for large databases). */
class PostgresSizeTest {

  private final PgServer pg = new PgServer();
  private final PostgresDriver driver = new PostgresDriver();

  @AfterEach
  void cleanUp() throws Exception {
    pg.close();
  }

  private long pgDatabaseSize(String db) throws Exception {
    return Long.parseLong(pg.strings("postgres", "SELECT pg_database_size('" + db + "')").get(0));
  }

  @Test
  void size_isWhatTheServerCountsForTheDatabasesTogether() throws Exception {
    String small = pg.name("small");
    String large = pg.name("large");
    pg.execute("postgres", "CREATE DATABASE " + small, "CREATE DATABASE " + large);
    pg.execute(large, "CREATE TABLE t AS SELECT g AS id, repeat('x', 500) AS v FROM generate_series(1, 20000) g");

    long one = driver.size(pg.node(), List.of(large)).orElseThrow();
    assertThat(one).isEqualTo(pgDatabaseSize(large)).isGreaterThan(pgDatabaseSize(small) + 10_000_000);
    assertThat(driver.size(pg.node(), List.of(small, large)).orElseThrow())
        .isEqualTo(pgDatabaseSize(small) + pgDatabaseSize(large));
  }

  @Test
  void aDatabaseThatDoesNotExist_countsNothing() throws Exception {
    String db = pg.name("sized");
    pg.execute("postgres", "CREATE DATABASE " + db);

    assertThat(driver.size(pg.node(), List.of(db, pg.name("gone"))).orElseThrow()).isEqualTo(pgDatabaseSize(db));
    assertThat(driver.size(pg.node(), List.of()).orElseThrow()).isZero();
  }
}
