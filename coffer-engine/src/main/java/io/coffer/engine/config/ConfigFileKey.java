package io.coffer.engine.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every key {@code coffer.yaml} may hold. Each has an environment variable that overrides it,
 * derived from the key so that nobody has to look it up: {@code catalog.password-file} is {@code
 * COFFER_CATALOG_PASSWORD_FILE}.
 */
public enum ConfigFileKey {
  HOME("home", "directory for the embedded catalog, pending results and caches"),
  AGENT("agent", "the name of the agent this process acts as (default: the host name)"),
  CATALOG_URL("catalog.url", "jdbc:postgresql://HOST[:PORT]/DATABASE for a shared catalog; unset: SQLite in home"),
  CATALOG_USER("catalog.user", "the PostgreSQL role of a shared catalog"),
  CATALOG_PASSWORD_FILE("catalog.password-file", "a file whose first line is the catalog password"),
  CATALOG_SCHEMA("catalog.schema", "the PostgreSQL schema holding the catalog tables"),
  CATALOG_BUSY_TIMEOUT("catalog.busy-timeout", "how long to wait for another writer, e.g. 10s"),
  VOLUME_DEFAULT("volume.default", "the volume a backup run by hand goes to when it names none"),
  S3_ENDPOINT("s3.endpoint", "an S3-compatible service instead of AWS, e.g. http://localhost:9000"),
  S3_REGION("s3.region", "the S3 region"),
  S3_PATH_STYLE("s3.path-style", "true to address buckets in the path, as MinIO and Ceph often need"),
  BACKUP_JOBS("backup.jobs", "parallel jobs of one backup or restore, 1 to 64"),
  TEMP_DIRECTORY("temp-directory", "where drivers keep temporary copies (default: the system's)"),
  AGENT_HEARTBEAT("agent.heartbeat", "how often a running agent reports that it is alive, e.g. 5s"),
  AGENT_POLL("agent.poll", "how often a running agent looks for due work, e.g. 1s"),
  AGENT_GRACE_PERIOD("agent.grace-period", "how long a stopping agent lets running jobs finish before aborting them, e.g. 5m"),
  JOB_LEASE("job.lease", "how long a job's claim lasts without a heartbeat before another agent ends it, e.g. 60s"),
  JOB_RETRY("job.retry", "how many times a job whose agent stopped answering is queued again (0: it fails)"),
  RETENTION_SCHEDULE("retention.schedule", "when agents apply retention and prune: daily (at 05:00), never, or five cron fields"),
  NOTIFY_COMMAND("notify.command", "a command run with each notice as JSON on its standard input"),
  NOTIFY_WEBHOOK("notify.webhook", "an http(s) URL each notice is POSTed to as JSON"),
  NOTIFY_ON_SUCCESS("notify.on-success", "true to notify of jobs that succeeded as well as of failures"),
  CLIENT_SERVER("client.server", "a Coffer server the command line sends its commands to (as --server)"),
  CLIENT_TOKEN_FILE("client.token-file", "a file whose first line is the API token for client.server"),
  CLIENT_CA_FILE("client.ca-file", "a PEM certificate (or its CA) to trust for client.server"),
  CLIENT_SERVER_FINGERPRINT("client.server-fingerprint", "the SHA-256 fingerprint of client.server's certificate, pinned");

  private final String key;
  private final String description;

  ConfigFileKey(String key, String description) {
    this.key = key;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String description() {
    return description;
  }

  /** {@code COFFER_} and the key in upper case with dots and dashes as underscores. */
  public String variable() {
    return "COFFER_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The key of this name; {@code agent.grace_period} is {@code agent.grace-period}, as in the variable. */
  static Optional<ConfigFileKey> of(String key) {
    String dashed = key.replace('_', '-');
    return Arrays.stream(values()).filter(k -> k.key.equals(dashed)).findFirst();
  }

  static List<String> keys() {
    return Arrays.stream(values()).map(ConfigFileKey::key).toList();
  }

  @Override
  public String toString() {
    return key;
  }
}
