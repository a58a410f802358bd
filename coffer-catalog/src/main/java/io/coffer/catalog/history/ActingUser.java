package io.coffer.catalog.history;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The person on whose behalf the current thread changes the catalog, when that is not the process's
 * own user: a request to the API runs as the user it authenticated, and the history records that
 * user ({@code api:alice}) rather than the account the server runs under.
 */
public final class ActingUser {

  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private ActingUser() {}

  /** Runs {@code work} with the history recording {@code actor} for every change it makes on this thread. */
  public static <T> T as(String actor, Supplier<T> work) {
    String before = CURRENT.get();
    CURRENT.set(actor);
    try {
      return work.get();
    } finally {
      if (before == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(before);
      }
    }
  }

  /** Who acts on this thread, when someone other than the process does. */
  public static Optional<String> current() {
    return Optional.ofNullable(CURRENT.get());
  }
}
