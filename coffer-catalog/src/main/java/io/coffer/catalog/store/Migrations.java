package io.coffer.catalog.store;

import io.coffer.catalog.CatalogException;
import io.coffer.catalog.CatalogSettings;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings the catalog schema up to date with Flyway. Each dialect has its own folder
 * ({@code db/migration/sqlite}, {@code db/migration/postgresql}) because their DDL differs (ids,
 * integer widths); the two are kept equivalent.
 */
public final class Migrations {

  private Migrations() {}

  public static void apply(DataSource dataSource, CatalogSettings settings) {
    String folder = settings.dialect() == CatalogSettings.Dialect.SQLITE ? "sqlite" : "postgresql";
    var configuration =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration/" + folder)
            .table("flyway_schema_history");
    settings.schema().ifPresent(schema -> configuration.schemas(schema).createSchemas(true));
    try {
      configuration.load().migrate();
    } catch (FlywayException e) {
      throw new CatalogException("cannot migrate the " + settings + ": " + e.getMessage(), e);
    }
  }
}
