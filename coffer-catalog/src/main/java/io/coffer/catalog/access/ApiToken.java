package io.coffer.catalog.access;

import java.time.Instant;

/**
 * An API token as stored: its hash, never the token. {@code expiresAt} is null for a token that does
 * not expire; {@code revokedAt} is set once it is revoked, and the row stays for the record.
 */
public record ApiToken(
    long id, long userId, String user, String name, String hash, Instant createdAt, Instant expiresAt,
    Instant revokedAt, Instant lastUsedAt) {

  /** Whether the token is accepted at {@code now}: not revoked, not expired. */
  public boolean valid(Instant now) {
    return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
  }

  /** {@code active}, {@code expired} or {@code revoked}, as listings show it. */
  public String state(Instant now) {
    return revokedAt != null ? "revoked" : expiresAt != null && !expiresAt.isAfter(now) ? "expired" : "active";
  }

  @Override
  public String toString() {
    return "ApiToken[id=" + id + ", user=" + user + ", name=" + name + "]";
  }
}
