package io.coffer.engine.history;

import io.coffer.catalog.history.HistoryEntry;
import io.coffer.engine.CatalogLink;
import java.time.Instant;
import java.util.List;

/** Reads the history: who changed what, when, and how it ended — refusals included. */
public final class HistoryService {

  private final CatalogLink link;

  public HistoryService(CatalogLink link) {
    this.link = link;
  }

  /** The newest entries first, at or after {@code since} (null for any time). */
  public List<HistoryEntry> list(Instant since, int limit) {
    return link.required().history().list(since, limit);
  }
}
