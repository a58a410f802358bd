package io.coffer.catalog.history;

import java.time.Instant;

/**
 * One recorded change. {@code result} is {@code ok} (perhaps with what was made, e.g. {@code ok:
 * definition 12}), {@code rejected: <why>} or {@code failed: <why>}.
 */
public record HistoryEntry(
    long id, Instant at, String actor, String action, String subject, String detail, String result) {}
