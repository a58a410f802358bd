package io.coffer.engine.config;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.schedule.CronSpec;
import io.coffer.catalog.time.TimeLength;
import io.coffer.model.Host;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The raw values of every key, turned into a {@link CofferConfig} with one check per key. */
final class ConfigValues {

  private static final Pattern SECONDS = Pattern.compile("\\s*[0-9]{1,6}\\s*");
  private static final Pattern AGENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");

  private final Map<ConfigFileKey, String> values;
  private final Path userHome;
  private final Optional<Path> source;

  ConfigValues(Map<ConfigFileKey, String> values, Path userHome, Optional<Path> source) {
    this.values = values;
    this.userHome = userHome;
    this.source = source;
  }

  CofferConfig toConfig() {
    Path home = path(ConfigFileKey.HOME).orElse(userHome.resolve(".local").resolve("share").resolve("coffer"));
    Optional<String> url = text(ConfigFileKey.CATALOG_URL);
    Optional<String> user = text(ConfigFileKey.CATALOG_USER);
    if (url.isEmpty()) {
      for (ConfigFileKey postgresOnly : new ConfigFileKey[] {
          ConfigFileKey.CATALOG_USER, ConfigFileKey.CATALOG_PASSWORD_FILE, ConfigFileKey.CATALOG_SCHEMA}) {
        text(postgresOnly).ifPresent(value -> {
          throw invalid(postgresOnly, value, "only with a PostgreSQL catalog: set catalog.url as well");
        });
      }
    } else if (user.isEmpty()) {
      throw invalid(ConfigFileKey.CATALOG_USER, "", "the PostgreSQL role the catalog connects as (catalog.url is set)");
    }
    CofferConfig config = new CofferConfig(
        home.toAbsolutePath(),
        agent(),
        url,
        user,
        path(ConfigFileKey.CATALOG_PASSWORD_FILE),
        text(ConfigFileKey.CATALOG_SCHEMA),
        duration(ConfigFileKey.CATALOG_BUSY_TIMEOUT, Duration.ofSeconds(10)),
        text(ConfigFileKey.VOLUME_DEFAULT),
        uri(ConfigFileKey.S3_ENDPOINT),
        region(),
        bool(ConfigFileKey.S3_PATH_STYLE),
        jobs(),
        path(ConfigFileKey.TEMP_DIRECTORY).orElse(Path.of(System.getProperty("java.io.tmpdir"))),
        source,
        operation(),
        new ClientSettings(text(ConfigFileKey.CLIENT_SERVER), path(ConfigFileKey.CLIENT_TOKEN_FILE),
            path(ConfigFileKey.CLIENT_CA_FILE), text(ConfigFileKey.CLIENT_SERVER_FINGERPRINT)));
    // Builds the catalog settings once so that their own checks (URL form, schema name) run now.
    try {
      config.catalogSettings();
    } catch (CatalogValidationException e) {
      if (e.getMessage().startsWith(e.field())) {
        throw e;
      }
      // Some catalog checks word only what is accepted; give the key and value as well.
      throw new CatalogValidationException(e.field(), (Object) e.value(), e.getMessage());
    }
    return config;
  }

  private AgentSettings operation() {
    Duration heartbeat = positive(ConfigFileKey.AGENT_HEARTBEAT, AgentSettings.DEFAULT_HEARTBEAT);
    Duration lease = positive(ConfigFileKey.JOB_LEASE, AgentSettings.DEFAULT_LEASE);
    if (lease.compareTo(heartbeat.multipliedBy(2)) < 0) {
      throw invalid(ConfigFileKey.JOB_LEASE, text(ConfigFileKey.JOB_LEASE).orElse(lease.toSeconds() + "s"),
          "at least two heartbeats (agent.heartbeat is " + heartbeat.toMillis() + "ms)");
    }
    Optional<URI> webhook = uri(ConfigFileKey.NOTIFY_WEBHOOK);
    return new AgentSettings(heartbeat, positive(ConfigFileKey.AGENT_POLL, AgentSettings.DEFAULT_POLL),
        duration(ConfigFileKey.AGENT_GRACE_PERIOD, AgentSettings.DEFAULT_GRACE_PERIOD), lease, retries(),
        text(ConfigFileKey.NOTIFY_COMMAND), webhook, bool(ConfigFileKey.NOTIFY_ON_SUCCESS), retentionSchedule());
  }

  private Optional<CronSpec> retentionSchedule() {
    String value = text(ConfigFileKey.RETENTION_SCHEDULE).orElse("daily");
    switch (value.toLowerCase(Locale.ROOT)) {
      case "daily":
        return Optional.of(AgentSettings.DAILY_RETENTION);
      case "never":
        return Optional.empty();
      default:
        try {
          return Optional.of(CronSpec.parse(value));
        } catch (CatalogValidationException e) {
          throw invalid(ConfigFileKey.RETENTION_SCHEDULE, value,
              "daily (05:00 every day), never, or five cron fields such as \"30 4 * * *\"");
        }
    }
  }

  private Duration positive(ConfigFileKey key, Duration fallback) {
    Duration value = duration(key, fallback);
    if (value.isZero()) {
      throw invalid(key, text(key).orElse("0"), "a duration above zero, e.g. " + fallback.toSeconds() + "s");
    }
    return value;
  }

  private int retries() {
    String value = text(ConfigFileKey.JOB_RETRY).orElse("0");
    try {
      int retries = Integer.parseInt(value);
      if (retries >= 0 && retries <= 10) {
        return retries;
      }
    } catch (NumberFormatException e) {
      // reported below with the value and what is accepted
    }
    throw invalid(ConfigFileKey.JOB_RETRY, value, "a whole number from 0 (a job whose agent stopped answering fails) to 10");
  }

  private String agent() {
    String agent = text(ConfigFileKey.AGENT).orElseGet(Host::name);
    if (!AGENT.matcher(agent).matches() || agent.chars().allMatch(Character::isDigit)) {
      throw invalid(ConfigFileKey.AGENT, agent, "a host name: letters, digits, '.', '_' or '-', not all digits");
    }
    return agent;
  }

  private Optional<String> text(ConfigFileKey key) {
    return Optional.ofNullable(values.get(key)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private Optional<Path> path(ConfigFileKey key) {
    Optional<String> text = text(key);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String value = text.get().startsWith("~/") ? userHome.resolve(text.get().substring(2)).toString() : text.get();
    try {
      Path path = Path.of(value);
      if (!path.isAbsolute()) {
        throw invalid(key, value, "an absolute path (or one starting with ~/)");
      }
      return Optional.of(path);
    } catch (InvalidPathException e) {
      throw invalid(key, value, "a path");
    }
  }

  private Duration duration(ConfigFileKey key, Duration fallback) {
    Optional<String> text = text(key);
    if (text.isEmpty()) {
      return fallback;
    }
    // A bare number has always meant seconds here; everything else is the one grammar of lengths.
    if (SECONDS.matcher(text.get()).matches()) {
      return Duration.ofSeconds(Long.parseLong(text.get().strip()));
    }
    try {
      return TimeLength.fixed(key.key(), text.get());
    } catch (CatalogValidationException e) {
      throw e.from(where(key) + "; a bare number is seconds");
    }
  }

  private Optional<URI> uri(ConfigFileKey key) {
    Optional<String> text = text(key);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(text.get());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw invalid(key, text.get(), "an http:// or https:// URL");
      }
      if (uri.getUserInfo() != null) {
        throw new CatalogValidationException(key.key(), CatalogValidationException.HIDDEN,
            "an http:// or https:// URL without credentials");
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw invalid(key, text.get(), "an http:// or https:// URL");
    }
  }

  private String region() {
    String region = text(ConfigFileKey.S3_REGION).orElse("us-east-1");
    if (!REGION.matcher(region).matches()) {
      throw invalid(ConfigFileKey.S3_REGION, region, "an S3 region name such as us-east-1");
    }
    return region;
  }

  private boolean bool(ConfigFileKey key) {
    String value = text(key).orElse("false").toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw invalid(key, value, "true or false");
    };
  }

  private int jobs() {
    String value = text(ConfigFileKey.BACKUP_JOBS).orElse("2");
    try {
      int jobs = Integer.parseInt(value);
      if (jobs >= 1 && jobs <= 64) {
        return jobs;
      }
    } catch (NumberFormatException e) {
      // reported below with the value and what is accepted
    }
    throw invalid(ConfigFileKey.BACKUP_JOBS, value, "a whole number from 1 to 64");
  }

  private CatalogValidationException invalid(ConfigFileKey key, String value, String accepted) {
    return new CatalogValidationException(key.key(), value, accepted + where(key));
  }

  private String where(ConfigFileKey key) {
    return values.containsKey(key) && source.isPresent() ? " (in " + source.get() + " or " + key.variable() + ")"
        : " (" + key.variable() + ")";
  }
}
