package io.coffer.server.events;

import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.engine.Coffer;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the job queue and tells every connected client of each change of a job's state, phase or
 * progress, as an event {@code job}. Agents report progress to the catalog with their heartbeat, so
 * one poll of the catalog per second serves any number of clients; a new client first gets the jobs
 * queued and running now and the newest ones. A comment every 15 s keeps idle connections from the idle timeout.
 *
 * <p>Lifecycle: started with the server, stopped with it (which closes the clients). Thread-safe:
 * clients come and go from request threads; the poller alone sends.
 */
public final class JobFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JobFeed.class);
  private static final int RECENT = 50;

  private final Coffer coffer;
  private final List<SseClient> clients = new CopyOnWriteArrayList<>();
  private final Map<Long, Map<String, Object>> last = new HashMap<>();
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "job-feed");
    thread.setDaemon(true);
    return thread;
  });
  private long ticks;

  public JobFeed(Coffer coffer, Duration every) {
    this.coffer = coffer;
    poller.scheduleWithFixedDelay(this::poll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Adds a client; it hears the jobs queued and running now and the {@link #RECENT} newest, then every
   * change. The newest ended ones too: a job that ended between a page's rendering and its stream's
   * opening was told of only to the clients connected then, and the page showed it running for ever.
   */
  public void join(SseClient client) {
    client.keepAlive();
    client.onClose(() -> clients.remove(client));
    poller.execute(() -> {
      try {
        for (Job job : watched()) {
          client.sendEvent("job", event(job));
        }
        clients.add(client);
      } catch (RuntimeException e) {
        LOG.debug("a client of the job feed could not be joined", e);
        client.close();
      }
    });
  }

  private void poll() {
    try {
      ticks++;
      if (clients.isEmpty()) {
        last.clear();
        return;
      }
      List<Job> jobs = watched();
      for (Job job : jobs) {
        Map<String, Object> event = event(job);
        if (!event.equals(last.put(job.id(), event))) {
          send("job", event);
        }
      }
      if (last.size() > 10 * RECENT) {
        last.keySet().retainAll(jobs.stream().map(Job::id).toList());
      }
      if (ticks % 15 == 0) {
        clients.forEach(c -> c.sendComment("keep-alive"));
      }
    } catch (RuntimeException e) {
      LOG.warn("job feed: {}", e.getMessage());
    }
  }

  /** The jobs queued and running now, and the newest {@link #RECENT} of any state. */
  private List<Job> watched() {
    List<Job> jobs = new ArrayList<>(coffer.jobs().list(JobState.RUNNING, 1_000));
    jobs.addAll(coffer.jobs().list(JobState.QUEUED, 1_000));
    jobs.addAll(coffer.jobs().list(null, RECENT));
    return jobs;
  }

  private void send(String name, Object data) {
    for (SseClient client : clients) {
      if (client.terminated()) {
        clients.remove(client);
      } else {
        client.sendEvent(name, data);
      }
    }
  }

  /** What a client hears of a job: enough to draw a progress bar and say how it ended. */
  static Map<String, Object> event(Job job) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", job.id());
    event.put("type", job.type().name());
    event.put("state", job.state().name());
    event.put("progress", job.state() == JobState.SUCCEEDED ? 100.0
        : Math.floor(job.progress().percent() * 10) / 10);
    event.put("phase", job.progress().phase());
    event.put("node", job.subject().node());
    event.put("definition", job.subject().definitionId());
    event.put("backup", job.subject().backupId());
    event.put("error", job.error());
    return event;
  }

  @Override
  public void close() {
    poller.shutdownNow();
    clients.forEach(SseClient::close);
    clients.clear();
  }
}
