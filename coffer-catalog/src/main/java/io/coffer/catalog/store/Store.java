package io.coffer.catalog.store;

import io.coffer.catalog.CatalogException;
import io.coffer.catalog.CatalogSettings;
import io.coffer.catalog.CatalogValidationException;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The repositories' single way into the database.
 *
 * <p>{@link #change} runs one state-changing call in one transaction and records it in the history
 * in that same transaction, so a change and its record commit or vanish together. When the call is
 * refused (a {@link CatalogValidationException}) or fails, the transaction rolls back — the catalog
 * is unchanged — and the attempt is recorded afterwards with its result, so the history also shows
 * what was refused and why.
 *
 * <p>Thread-safe. Nested calls on one thread share one handle (Jdbi's per-thread handle scope), so a
 * repository may call another inside a change and stay in its transaction.
 */
public final class Store {

  private final Jdbi jdbi;
  private final CatalogSettings settings;
  /**
   * Refusals and failures this store has put in the history, held weakly: a caller further out (an
   * engine service, a command) records what was refused unless it is here, so that nothing tried is
   * missing from the history and nothing is in it twice.
   */
  private final Set<Throwable> recorded = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  public Store(Jdbi jdbi, CatalogSettings settings) {
    this.jdbi = jdbi;
    this.settings = settings;
  }

  public CatalogSettings.Dialect dialect() {
    return settings.dialect();
  }

  /** Now, to the millisecond the catalog stores. */
  public Instant now() {
    return Instant.ofEpochMilli(settings.clock().millis());
  }

  /** Runs reads outside a transaction (each statement sees committed data). */
  public <R> R read(HandleCallback<R, RuntimeException> work) {
    try {
      return jdbi.withHandle(work);
    } catch (JdbiException e) {
      throw failure(e);
    }
  }

  /**
   * Runs a write that is not a history event — an agent's heartbeat, a job's progress — as
   * autocommitted statements. They come every few seconds and their time is kept on their row.
   */
  public <R> R unrecorded(HandleCallback<R, RuntimeException> work) {
    return read(work);
  }

  public <R> R change(Change change, HandleCallback<R, RuntimeException> work) {
    return change(change, work, result -> "ok");
  }

  /**
   * Runs {@code work} in a transaction and records it; {@code outcome} words the result for the
   * history, e.g. {@code ok: definition 12}, or returns null when the call turned out to change
   * nothing worth recording (an agent polling an empty queue).
   */
  public <R> R change(Change change, HandleCallback<R, RuntimeException> work, Function<? super R, String> outcome) {
    try {
      return jdbi.inTransaction(handle -> {
        R result = work.withHandle(handle);
        String worded = outcome.apply(result);
        if (worded != null) {
          record(handle, change, worded);
        }
        return result;
      });
    } catch (CatalogValidationException e) {
      recordAfterRollback(change, "rejected: " + e.getMessage(), e);
      throw e;
    } catch (JdbiException e) {
      CatalogException failure = failure(e);
      recordAfterRollback(change, "failed: " + failure.getMessage(), failure);
      throw failure;
    }
  }

  /**
   * Records an attempt that was refused or failed before it changed the catalog, so that the
   * history shows everything tried and why it did not happen ({@code rejected: …}, {@code failed:
   * …}).
   */
  public void recordAttempt(Change change, String result) {
    try {
      jdbi.useHandle(handle -> record(handle, change, result));
    } catch (JdbiException e) {
      throw failure(e);
    }
  }

  /** Like {@link #recordAttempt(Change, String)} for the refusal {@code cause}, unless it is recorded already. */
  public void recordAttempt(Change change, String result, Throwable cause) {
    if (!isRecorded(cause)) {
      recordAttempt(change, result);
      recorded.add(cause);
    }
  }

  /** True when {@code failure}, or a cause of it, is in the history already. */
  public boolean isRecorded(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (recorded.contains(t)) {
        return true;
      }
    }
    return false;
  }

  private void record(Handle handle, Change change, String result) {
    handle.createUpdate("insert into history (at, actor, action, subject, detail, result)"
            + " values (:at, :actor, :action, :subject, :detail, :result)")
        .bind("at", now().toEpochMilli())
        .bind("actor", io.coffer.catalog.history.ActingUser.current().orElse(settings.actor()))
        .bind("action", change.action())
        .bind("subject", change.subject())
        .bind("detail", change.detail())
        .bind("result", result)
        .execute();
  }

  private void recordAfterRollback(Change change, String result, RuntimeException cause) {
    if (isRecorded(cause)) {
      return; // a nested change recorded it
    }
    try {
      jdbi.useHandle(handle -> record(handle, change, result));
      recorded.add(cause);
    } catch (JdbiException e) {
      cause.addSuppressed(e);
    }
  }

  private CatalogException failure(JdbiException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return new CatalogException("catalog " + settings.location() + ": " + root.getMessage(), e);
  }
}
