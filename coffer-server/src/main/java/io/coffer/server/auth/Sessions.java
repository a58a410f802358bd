package io.coffer.server.auth;

import io.coffer.engine.access.Principal;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-in console users: a random session id (the cookie) maps to the principal and a CSRF token
 * that every form posts back. Sessions live in this process only (a restart logs everyone out) and
 * end after {@code idle} without a request.
 *
 * <p>Thread-safe.
 */
public final class Sessions {

  /** The cookie's name. */
  public static final String COOKIE = "coffer_session";
  /** The form field (or header {@code X-CSRF-Token}) that carries the CSRF token. */
  public static final String CSRF_FIELD = "csrf";

  /** One login. */
  public record Session(String id, Principal principal, String csrf, Instant lastSeen) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_SESSIONS = 10_000;

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Duration idle;
  private final Clock clock;

  public Sessions(Duration idle, Clock clock) {
    this.idle = idle;
    this.clock = clock;
  }

  public Session open(Principal principal) {
    Instant now = clock.instant();
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.values().removeIf(s -> s.lastSeen().plus(idle).isBefore(now));
    }
    Session session = new Session(random(), principal, random(), now);
    sessions.put(session.id(), session);
    return session;
  }

  /** The live session of this id, its idle time restarted; empty for an unknown or expired one. */
  public Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Session session = sessions.get(id);
    if (session == null || session.lastSeen().plus(idle).isBefore(now)) {
      if (session != null) {
        sessions.remove(id);
      }
      return Optional.empty();
    }
    Session seen = new Session(session.id(), session.principal(), session.csrf(), now);
    sessions.put(id, seen);
    return Optional.of(seen);
  }

  public void close(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  /** Whether {@code token} is the session's CSRF token, compared in constant time. */
  public static boolean csrfMatches(Session session, String token) {
    return token != null && MessageDigest.isEqual(session.csrf().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
