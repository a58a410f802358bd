package io.coffer.cli.session;

import io.coffer.engine.Coffer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The long-lived engine and interaction of a shell session, found by the root command object the
 * session's command line was built on. A command run outside a session opens its own engine.
 */
public final class EngineSessions {

  /** What a session lends its commands. */
  public record Session(Coffer coffer, Interaction interaction) {}

  private static final Map<Object, Session> SESSIONS = Collections.synchronizedMap(new IdentityHashMap<>());

  private EngineSessions() {}

  public static void attach(Object root, Session session) {
    SESSIONS.put(root, session);
  }

  public static void detach(Object root) {
    SESSIONS.remove(root);
  }

  public static Optional<Session> of(Object root) {
    return Optional.ofNullable(SESSIONS.get(root));
  }
}
