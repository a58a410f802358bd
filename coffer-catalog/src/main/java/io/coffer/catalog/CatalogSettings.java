package io.coffer.catalog;

import io.coffer.model.Host;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the catalog lives and how to reach it: an SQLite file (the default, nothing to install) or
 * a PostgreSQL database shared by several agents. Validated completely when built, then immutable.
 *
 * <p>The PostgreSQL password is never part of the settings: they name a password file, read when
 * the catalog opens. {@link #toString()} is therefore safe to log.
 */
public final class CatalogSettings {

  /** The SQL dialect of the catalog database. */
  public enum Dialect {
    SQLITE,
    POSTGRESQL
  }

  static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)[?&;]password=|://[^/@]*:[^/@]*@");

  private final Dialect dialect;
  private final Path sqliteFile;
  private final String url;
  private final String user;
  private final Path passwordFile;
  private final String schema;
  private final String actor;
  private final int poolSize;
  private final Duration busyTimeout;
  private final Clock clock;

  private CatalogSettings(
      Dialect dialect,
      Path sqliteFile,
      String url,
      String user,
      Path passwordFile,
      String schema,
      String actor,
      int poolSize,
      Duration busyTimeout,
      Clock clock) {
    this.dialect = dialect;
    this.sqliteFile = sqliteFile;
    this.url = url;
    this.user = user;
    this.passwordFile = passwordFile;
    this.schema = schema;
    this.actor = actor;
    this.poolSize = poolSize;
    this.busyTimeout = busyTimeout;
    this.clock = clock;
  }

  /** An embedded catalog in one SQLite file; the file and its directory are created if missing. */
  public static CatalogSettings sqlite(Path file) {
    Objects.requireNonNull(file, "file");
    return new CatalogSettings(
        Dialect.SQLITE, file, null, null, null, null, Host.user(), 4, DEFAULT_BUSY_TIMEOUT, Clock.systemUTC());
  }

  /**
   * A catalog in a PostgreSQL database. The URL must not carry a password; use {@link
   * #withPasswordFile(Path)}, or none for trust and certificate authentication.
   */
  public static CatalogSettings postgresql(String url, String user) {
    if (url == null || !url.startsWith("jdbc:postgresql://")) {
      throw new CatalogValidationException("catalog.url", (Object) url, "jdbc:postgresql://HOST[:PORT]/DATABASE");
    }
    if (PASSWORD_IN_URL.matcher(url).find()) {
      throw CatalogValidationException.hidingValue(
          "catalog.url", "a URL without a password; put the password in the file named by catalog.password-file");
    }
    if (user == null || user.isBlank()) {
      throw new CatalogValidationException("catalog.user", (Object) user, "the PostgreSQL role the catalog connects as");
    }
    return new CatalogSettings(
        Dialect.POSTGRESQL, null, url, user, null, null, Host.user(), 8, DEFAULT_BUSY_TIMEOUT, Clock.systemUTC());
  }

  /** The file holding the PostgreSQL password (its first line); read when the catalog opens. */
  public CatalogSettings withPasswordFile(Path file) {
    requirePostgresql("catalog.password-file");
    return new CatalogSettings(dialect, sqliteFile, url, user, file, schema, actor, poolSize, busyTimeout, clock);
  }

  /**
   * The PostgreSQL schema that holds the catalog tables (created if missing), so several catalogs,
   * or tests, can share one database. Without it the user's default search path is used.
   */
  public CatalogSettings withSchema(String name) {
    requirePostgresql("catalog.schema");
    if (name == null || !SCHEMA.matcher(name).matches()) {
      throw new CatalogValidationException(
          "catalog.schema", (Object) name, "a lower-case SQL name: letters, digits and _, not starting with a digit, at most 63");
    }
    return new CatalogSettings(dialect, sqliteFile, url, user, passwordFile, name, actor, poolSize, busyTimeout, clock);
  }

  /** Who the history records as making changes, e.g. a user name or {@code agent backup01}. */
  public CatalogSettings withActor(String who) {
    if (who == null || who.isBlank()) {
      throw new CatalogValidationException("catalog.actor", (Object) who, "a non-empty user or agent name");
    }
    return new CatalogSettings(dialect, sqliteFile, url, user, passwordFile, schema, who.strip(), poolSize, busyTimeout, clock);
  }

  /** Connections kept open; SQLite serialises writers anyway, so a few suffice there. */
  public CatalogSettings withPoolSize(int size) {
    if (size < 1 || size > 64) {
      throw new CatalogValidationException("catalog.pool-size", size, "a whole number from 1 to 64");
    }
    return new CatalogSettings(dialect, sqliteFile, url, user, passwordFile, schema, actor, size, busyTimeout, clock);
  }

  /** How long an SQLite writer waits for another process's write to finish before failing. */
  public CatalogSettings withBusyTimeout(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.toMillis() > Integer.MAX_VALUE) {
      throw new CatalogValidationException("catalog.busy-timeout", timeout, "a non-negative duration");
    }
    return new CatalogSettings(dialect, sqliteFile, url, user, passwordFile, schema, actor, poolSize, timeout, clock);
  }

  public Dialect dialect() {
    return dialect;
  }

  public Optional<Path> sqliteFile() {
    return Optional.ofNullable(sqliteFile);
  }

  public Optional<String> url() {
    return Optional.ofNullable(url);
  }

  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  public Optional<Path> passwordFile() {
    return Optional.ofNullable(passwordFile);
  }

  public Optional<String> schema() {
    return Optional.ofNullable(schema);
  }

  public String actor() {
    return actor;
  }

  public int poolSize() {
    return poolSize;
  }

  public Duration busyTimeout() {
    return busyTimeout;
  }

  public Clock clock() {
    return clock;
  }

  /** Where the catalog is, for messages: a file path, or URL and schema. Never a secret. */
  public String location() {
    if (dialect == Dialect.SQLITE) {
      return sqliteFile.toString();
    }
    return url + (schema == null ? "" : " (schema " + schema + ")");
  }

  @Override
  public String toString() {
    return "catalog " + dialect.name().toLowerCase() + " " + location()
        + (user == null ? "" : " as " + user)
        + (passwordFile == null ? "" : ", password file " + passwordFile);
  }

  private void requirePostgresql(String field) {
    if (dialect != Dialect.POSTGRESQL) {
      throw new CatalogValidationException(field, (Object) "(set)", "only with a PostgreSQL catalog (catalog.url)");
    }
  }
}
