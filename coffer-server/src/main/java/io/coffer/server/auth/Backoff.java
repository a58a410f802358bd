package io.coffer.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down a client (an address) that keeps failing to authenticate: after {@code free} failures
 * in a row, each further attempt must wait twice as long as the one before (1 s, 2 s, 4 s … at most
 * {@code max}), and an attempt within the wait is refused without checking credentials, so that
 * guessing is slow and costs the server nothing. A success forgets the client's failures.
 *
 * <p>Thread-safe. Bounded: clients quiet for longer than {@code max} are forgotten when the table grows.
 */
public final class Backoff {

  private static final int MAX_CLIENTS = 100_000;

  private record State(int failures, Instant blockedUntil, Instant last) {}

  private final Map<String, State> clients = new ConcurrentHashMap<>();
  private final int free;
  private final Duration max;
  private final Clock clock;

  public Backoff(int free, Duration max, Clock clock) {
    this.free = free;
    this.max = max;
    this.clock = clock;
  }

  /** How long the client must still wait; zero when it may try now. */
  public Duration wait(String client) {
    State state = clients.get(client);
    Instant now = clock.instant();
    if (state == null || state.blockedUntil() == null || !state.blockedUntil().isAfter(now)) {
      return Duration.ZERO;
    }
    return Duration.between(now, state.blockedUntil());
  }

  public void failed(String client) {
    Instant now = clock.instant();
    if (clients.size() > MAX_CLIENTS) {
      clients.values().removeIf(s -> s.last().plus(max).isBefore(now));
    }
    clients.compute(client, (key, state) -> {
      int failures = state == null ? 1 : state.failures() + 1;
      Instant until = null;
      if (failures > free) {
        long seconds = Math.min(max.toSeconds(), 1L << Math.min(30, failures - free - 1));
        until = now.plusSeconds(seconds);
      }
      return new State(failures, until, now);
    });
  }

  public void succeeded(String client) {
    clients.remove(client);
  }
}
