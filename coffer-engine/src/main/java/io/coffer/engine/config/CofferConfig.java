package io.coffer.engine.config;

import io.coffer.catalog.CatalogSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Coffer's configuration, validated completely when loaded and then frozen. It names files that hold
 * secrets but never holds a secret, so {@link #toString()} is safe to print.
 *
 * @param home where the embedded catalog ({@code catalog.db}), pending results and caches live
 * @param agent the agent this process acts as
 * @param catalogUrl a PostgreSQL catalog; empty for the embedded SQLite one
 * @param catalogUser the PostgreSQL role
 * @param catalogPasswordFile the file holding its password
 * @param catalogSchema the schema holding the catalog tables
 * @param busyTimeout how long an SQLite writer waits for another
 * @param defaultVolume the volume a backup run by hand uses when it names none
 * @param s3Endpoint an S3-compatible service instead of AWS
 * @param s3Region the S3 region
 * @param s3PathStyle whether buckets are addressed in the path
 * @param jobs parallel jobs of one backup or restore
 * @param tempDirectory where drivers keep temporary copies
 * @param source the file the values came from, if any, for messages
 * @param operation how a running agent heartbeats, leases, retries and notifies
 * @param client the server the command line sends its commands to, when it is a client
 */
public record CofferConfig(
    Path home,
    String agent,
    Optional<String> catalogUrl,
    Optional<String> catalogUser,
    Optional<Path> catalogPasswordFile,
    Optional<String> catalogSchema,
    Duration busyTimeout,
    Optional<String> defaultVolume,
    Optional<URI> s3Endpoint,
    String s3Region,
    boolean s3PathStyle,
    int jobs,
    Path tempDirectory,
    Optional<Path> source,
    AgentSettings operation,
    ClientSettings client) {

  /** The embedded catalog's file. */
  public Path catalogFile() {
    return home.resolve("catalog.db");
  }

  /** Where backup and restore results wait while the catalog is unreachable (DESIGN rule 3). */
  public Path pendingDirectory() {
    return home.resolve("pending");
  }

  /** Where the engine keeps what it last read of nodes and volumes, to run without the catalog. */
  public Path cacheDirectory() {
    return home.resolve("cache");
  }

  /**
   * Where volumes' indexes are mapped outside the heap: files deleted as soon as they are mapped, so
   * the directory looks empty; on the home's disk rather than java.io.tmpdir, often a tmpfs in RAM.
   */
  public Path indexDirectory() {
    return cacheDirectory().resolve("index");
  }

  /**
   * Where FILES backups note a start or post command that must still run (a process killed while
   * the database was stopped), so the next backup of the same directory runs it.
   */
  public Path quiesceStateDirectory() {
    return home.resolve("quiesce");
  }

  /** How to reach the catalog: the SQLite file in home, or the PostgreSQL database configured. */
  public CatalogSettings catalogSettings() {
    CatalogSettings settings;
    if (catalogUrl.isPresent()) {
      settings = CatalogSettings.postgresql(catalogUrl.get(), catalogUser.orElse(null));
      if (catalogPasswordFile.isPresent()) {
        settings = settings.withPasswordFile(catalogPasswordFile.get());
      }
      if (catalogSchema.isPresent()) {
        settings = settings.withSchema(catalogSchema.get());
      }
    } else {
      settings = CatalogSettings.sqlite(catalogFile());
    }
    return settings.withBusyTimeout(busyTimeout);
  }

  /**
   * Whether a catalog may hold anything yet: a PostgreSQL one is configured, or the embedded one's
   * file exists. Lookups that must not create the embedded catalog ask this first.
   */
  public boolean catalogMayExist() {
    return catalogUrl.isPresent() || java.nio.file.Files.exists(catalogFile());
  }

  /** A copy that reaches S3 as given: the volume commands' {@code --s3-*} flags override the file's keys. */
  public CofferConfig withS3(Optional<URI> endpoint, String region, boolean pathStyle) {
    return new CofferConfig(home, agent, catalogUrl, catalogUser, catalogPasswordFile, catalogSchema, busyTimeout,
        defaultVolume, endpoint, region, pathStyle, jobs, tempDirectory, source, operation, client);
  }
}
