package io.coffer.catalog.store;

import io.coffer.catalog.CatalogException;
import io.coffer.catalog.CatalogSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings the catalog schema up to date with Flyway. Each dialect has its own folder
 * ({@code db/migration/sqlite}, {@code db/migration/postgresql}) because their DDL differs (ids,
 * integer widths); the two are kept equivalent.
 *
 * <p>Every command opens the catalog, and Flyway scans the classpath and validates every applied
 * migration each time. A catalog whose newest successful migration is already {@link #LATEST} needs
 * none of that, so one query decides; any other state (new, older, newer, a failed migration) goes
 * to Flyway, which migrates or refuses as before.
 */
public final class Migrations {

  /** The newest migration version of both dialects; a test keeps it equal to the files. */
  static final String LATEST = "1.14";
  static final String HISTORY_TABLE = "flyway_schema_history";

  private Migrations() {}

  public static void apply(DataSource dataSource, CatalogSettings settings) {
    if (isCurrent(dataSource, settings)) {
      return;
    }
    String folder = settings.dialect() == CatalogSettings.Dialect.SQLITE ? "sqlite" : "postgresql";
    var configuration =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration/" + folder)
            .table(HISTORY_TABLE);
    settings.schema().ifPresent(schema -> configuration.schemas(schema).createSchemas(true));
    try {
      configuration.load().migrate();
    } catch (FlywayException e) {
      throw new CatalogException("cannot migrate the " + settings + ": " + e.getMessage(), e);
    }
  }

  /** Whether the catalog's newest successful migration is {@link #LATEST}; false when that cannot be read. */
  static boolean isCurrent(DataSource dataSource, CatalogSettings settings) {
    String table = settings.schema().map(schema -> schema + ".").orElse("") + HISTORY_TABLE;
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet newest = s.executeQuery("select version from " + table + " where success"
            + " order by installed_rank desc limit 1")) {
      return newest.next() && LATEST.equals(newest.getString(1));
    } catch (SQLException e) {
      return false;
    }
  }
}
