package io.coffer.catalog.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.coffer.catalog.CatalogException;
import io.coffer.catalog.CatalogSettings;
import io.coffer.catalog.CatalogValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the pooled connections to the catalog database.
 *
 * <p>SQLite: a CLI and a daemon share one file, so every connection gets WAL (readers never block
 * the writer), a busy timeout (a second writer waits instead of failing) and foreign keys (off by
 * default in SQLite, per connection). Transactions begin IMMEDIATE: a transaction that read and
 * then writes could otherwise fail with SQLITE_BUSY when another process wrote in between, without
 * waiting for the busy timeout.
 */
public final class ConnectionPool {

  private ConnectionPool() {}

  public static HikariDataSource open(CatalogSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("coffer-catalog");
    config.setMaximumPoolSize(settings.poolSize());
    config.setMinimumIdle(1);
    if (settings.dialect() == CatalogSettings.Dialect.SQLITE) {
      config.setDataSource(sqlite(settings));
    } else {
      config.setJdbcUrl(settings.url().orElseThrow());
      config.setUsername(settings.user().orElseThrow());
      settings.passwordFile().ifPresent(file -> config.setPassword(readPassword(file)));
      settings.schema().ifPresent(config::setSchema);
      // A catalog that cannot be reached should be known as such in seconds, not after Hikari's
      // default 30 s: an agent then carries on from its local cache (DESIGN rule 3).
      config.setConnectionTimeout(5_000);
      config.addDataSourceProperty("connectTimeout", "5");
    }
    try {
      return new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new CatalogException("cannot open the " + settings + ": " + cause.getMessage(), e);
    }
  }

  private static SQLiteDataSource sqlite(CatalogSettings settings) {
    Path file = settings.sqliteFile().orElseThrow();
    Path parent = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new CatalogException("cannot create the directory of the catalog " + file + ": " + e, e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setBusyTimeout((int) settings.busyTimeout().toMillis());
    config.enforceForeignKeys(true);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + file);
    return source;
  }

  /** The first line of the password file; its content never appears in a message. */
  private static String readPassword(Path file) {
    String accepted = "a readable file whose first line is the catalog user's password";
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || lines.get(0).isEmpty()) {
        throw new CatalogValidationException("catalog.password-file", file, "the file is empty", accepted);
      }
      return lines.get(0);
    } catch (IOException e) {
      throw new CatalogValidationException("catalog.password-file", file, "cannot read it: " + e.getClass().getSimpleName(), accepted);
    }
  }
}
