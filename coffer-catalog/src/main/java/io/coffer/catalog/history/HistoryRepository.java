package io.coffer.catalog.history;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.store.Change;
import io.coffer.catalog.store.Columns;
import io.coffer.catalog.store.Store;
import java.time.Instant;
import java.util.List;

/**
 * Reads the history; {@link io.coffer.catalog.store.Store} writes it as changes happen, and {@link
 * #refused} records what was tried and refused before it reached the catalog.
 */
public final class HistoryRepository {

  private final Store store;

  public HistoryRepository(Store store) {
    this.store = store;
  }

  /**
   * Records an operation refused (bad input, a target in the way) or failed before it changed
   * anything in the catalog, such as a restore whose plan was refused: {@code rejected: <reason>}
   * or {@code failed: <reason>}.
   *
   * @param action what was tried, as the history names it (e.g. {@code restore start})
   * @param subject what it was tried on (e.g. {@code backup 7})
   * @param detail the request in words
   * @param rejected true for a refusal of the request, false for a failure
   * @param cause the refusal; nothing is recorded when the catalog recorded it already
   */
  public void refused(String action, String subject, String detail, boolean rejected, String reason, Throwable cause) {
    store.recordAttempt(new Change(action, subject, detail), (rejected ? "rejected: " : "failed: ") + reason, cause);
  }

  /** The newest entries first, at or after {@code since} (null for any time). */
  public List<HistoryEntry> list(Instant since, int limit) {
    if (limit < 1) {
      throw new CatalogValidationException("limit", limit, "a whole number ≥ 1");
    }
    return store.read(handle -> handle.createQuery("select * from history where at >= :since"
            + " order by at desc, id desc limit :limit")
        .bind("since", since == null ? Long.MIN_VALUE : since.toEpochMilli())
        .bind("limit", limit)
        .map((row, ctx) -> new HistoryEntry(row.getLong("id"), Columns.instant(row, "at"), row.getString("actor"),
            row.getString("action"), row.getString("subject"), row.getString("detail"), row.getString("result")))
        .list());
  }
}
