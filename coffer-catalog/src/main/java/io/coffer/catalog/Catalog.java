package io.coffer.catalog;

import com.zaxxer.hikari.HikariDataSource;
import io.coffer.catalog.agent.AgentRepository;
import io.coffer.catalog.store.ConnectionPool;
import io.coffer.catalog.store.Migrations;
import io.coffer.catalog.store.Store;
import org.jdbi.v3.core.Jdbi;

/**
 * The catalog: open it once per process, use its repositories from any thread, close it at exit.
 *
 * <p>Opening connects (an SQLite file is created if missing), brings the schema up to date and
 * fails with a {@link CatalogException} naming the location if either step fails. Several
 * processes may open the same catalog at once: SQLite serialises their writes, PostgreSQL's row
 * locks keep job claims exclusive.
 */
public final class Catalog implements AutoCloseable {

  private final CatalogSettings settings;
  private final HikariDataSource dataSource;
  private final AgentRepository agents;

  private Catalog(CatalogSettings settings, HikariDataSource dataSource) {
    this.settings = settings;
    this.dataSource = dataSource;
    Store store = new Store(Jdbi.create(dataSource), settings);
    this.agents = new AgentRepository(store);
  }

  public static Catalog open(CatalogSettings settings) {
    HikariDataSource dataSource = ConnectionPool.open(settings);
    try {
      Migrations.apply(dataSource, settings);
      return new Catalog(settings, dataSource);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  public CatalogSettings settings() {
    return settings;
  }

  public AgentRepository agents() {
    return agents;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
