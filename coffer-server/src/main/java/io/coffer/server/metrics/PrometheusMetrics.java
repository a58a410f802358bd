package io.coffer.server.metrics;

import io.coffer.catalog.metrics.CatalogMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The server's Prometheus registry. The catalog is the truth shared by every agent, so its numbers
 * are gauges set from one {@link CatalogMetrics} snapshot at each scrape (not counters this process
 * would have to see every event for); the API's request timings are this process's own.
 *
 * <p>Thread-safe: a scrape updates the gauges and renders them under one lock.
 */
public final class PrometheusMetrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<CatalogMetrics> current = new AtomicReference<>();
  private final Map<Series, Timer> timers = new ConcurrentHashMap<>();
  private final MultiGauge backups = gauge("coffer.backups", null, "backups in the catalog by node, kind and status");
  private final MultiGauge bytesRead = gauge("coffer.backup.read", "bytes", "bytes read from nodes by backups");
  private final MultiGauge bytesNew = gauge("coffer.backup.new", "bytes", "bytes new to their volume (before compression)");
  private final MultiGauge bytesStored = gauge("coffer.backup.stored", "bytes", "bytes backups added to their volume");
  private final MultiGauge durations = gauge("coffer.backup.duration", "seconds", "summed duration of backups");
  private final MultiGauge lastSuccess = gauge("coffer.definition.last.success.timestamp", "seconds",
      "when the newest successful backup of each definition finished (Unix time)");
  private final MultiGauge lastDuration = gauge("coffer.definition.last.success.duration", "seconds",
      "how long the newest successful backup of each definition took");
  private final MultiGauge verifications = gauge("coffer.verifications", null, "verifications by result");
  private final MultiGauge heartbeats = gauge("coffer.agent.last.heartbeat.timestamp", "seconds",
      "when each agent last reported that it is alive (Unix time)");
  private final MultiGauge online = gauge("coffer.agent.online", null, "1 while an agent's heartbeat vouches for it");
  private final MultiGauge volumes = gauge("coffer.volume.stored", "bytes", "bytes of successful backups in each volume");

  public PrometheusMetrics() {
    Gauge.builder("coffer.jobs.queued", current, c -> c.get() == null ? 0 : c.get().queuedJobs())
        .description("jobs waiting for an agent").register(registry);
    Gauge.builder("coffer.jobs.running", current, c -> c.get() == null ? 0 : c.get().runningJobs())
        .description("jobs agents are carrying out").register(registry);
    Gauge.builder("coffer.jobs.queued.oldest.age", current, c -> c.get() == null || c.get().oldestQueued() == null
            ? 0 : Duration.between(c.get().oldestQueued(), Instant.now()).toMillis() / 1000.0)
        .baseUnit("seconds").description("how long the oldest queued job has waited").register(registry);
  }

  /** The text a Prometheus server scrapes, with the catalog's numbers of {@code snapshot}. */
  public synchronized String scrape(CatalogMetrics snapshot) {
    current.set(snapshot);
    List<CatalogMetrics.BackupGroup> groups = snapshot.backups();
    Function<CatalogMetrics.BackupGroup, Tags> tags = g -> Tags.of("node", g.node(), "kind", g.kind(), "status",
        g.status());
    set(backups, groups, tags, g -> g.count());
    set(bytesRead, groups, tags, g -> g.bytesRead());
    set(bytesNew, groups, tags, g -> g.bytesNew());
    set(bytesStored, groups, tags, g -> g.bytesStored());
    set(durations, groups, tags, g -> g.durationMillis() / 1000.0);
    Function<CatalogMetrics.LastSuccess, Tags> definition = l -> Tags.of("definition",
        Long.toString(l.definition()), "node", l.node());
    set(lastSuccess, snapshot.lastSuccesses(), definition, l -> l.finishedAt().toEpochMilli() / 1000.0);
    set(lastDuration, snapshot.lastSuccesses(), definition, l -> l.durationMillis() / 1000.0);
    set(verifications, snapshot.verifications(), c -> Tags.of("result", c.label()), c -> c.count());
    List<CatalogMetrics.AgentBeat> agents = snapshot.agents().stream().filter(a -> a.lastHeartbeat() != null).toList();
    set(heartbeats, agents, a -> Tags.of("agent", a.agent()), a -> a.lastHeartbeat().toEpochMilli() / 1000.0);
    Instant now = Instant.now();
    set(online, snapshot.agents(), a -> Tags.of("agent", a.agent()),
        a -> a.aliveUntil() != null && a.aliveUntil().isAfter(now) ? 1 : 0);
    set(volumes, snapshot.volumes(), v -> Tags.of("volume", v.volume()), v -> v.bytesStored());
    return registry.scrape();
  }

  /** Times one API request under its route (not its concrete path, which would make a series per id). */
  public void request(String method, String route, int status, long nanos) {
    // A timer per series, kept: building and looking one up in the registry on every request took
    // about 4% of the request threads' CPU under 100 pollers (docs/benchmarks.md).
    timers.computeIfAbsent(new Series(method, route, status), s -> Timer.builder("coffer.api.requests")
            .description("requests to the API by route and status")
            .tags("method", s.method(), "route", s.route(), "status", Integer.toString(s.status()))
            .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private record Series(String method, String route, int status) {}

  private MultiGauge gauge(String name, String unit, String description) {
    MultiGauge.Builder builder = MultiGauge.builder(name).description(description);
    if (unit != null) {
      builder.baseUnit(unit);
    }
    return builder.register(registry);
  }

  private static <T> void set(MultiGauge gauge, List<T> rows, Function<T, Tags> tags, ToDoubleFunction<T> value) {
    gauge.register(rows.stream().map(row -> MultiGauge.Row.of(tags.apply(row), value.applyAsDouble(row))).toList(),
        true);
  }
}
