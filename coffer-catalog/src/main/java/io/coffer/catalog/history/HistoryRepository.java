package io.coffer.catalog.history;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.store.Columns;
import io.coffer.catalog.store.Store;
import java.time.Instant;
import java.util.List;

/** Reads the history; {@link io.coffer.catalog.store.Store} writes it. */
public final class HistoryRepository {

  private final Store store;

  public HistoryRepository(Store store) {
    this.store = store;
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
