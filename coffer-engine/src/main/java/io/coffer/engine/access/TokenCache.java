package io.coffer.engine.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens found valid lately, so that a client polling with a bearer token costs the catalog two
 * lookups (the token, its user) every few seconds instead of with every request. Entries are keyed
 * by the token's SHA-256, the form the catalog stores it in: the cache holds no token.
 *
 * <p>A revocation or a removed user through this process ends the entry at once; one made by
 * another process (the CLI's {@code token revoke} on a shared catalog) is seen within the lifetime.
 * An entry never outlives the token's own expiry.
 *
 * <p>Thread-safe. Bounded: when full it is emptied, which costs only lookups.
 */
final class TokenCache {

  private static final int MAX_ENTRIES = 10_000;

  /** The token's id (to forget it when revoked), who it acts for, when it expires (null: never), until when the entry holds. */
  record Entry(long tokenId, Principal principal, Instant expiresAt, Instant until) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Duration lifetime;

  TokenCache(Duration lifetime) {
    this.lifetime = lifetime;
  }

  Optional<Entry> find(String hash, Instant now) {
    Entry entry = entries.get(hash);
    if (entry == null) {
      return Optional.empty();
    }
    if (!entry.until().isAfter(now) || (entry.expiresAt() != null && !entry.expiresAt().isAfter(now))) {
      entries.remove(hash, entry);
      return Optional.empty();
    }
    return Optional.of(entry);
  }

  void remember(String hash, long tokenId, Principal principal, Instant expiresAt, Instant now) {
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(hash, new Entry(tokenId, principal, expiresAt, now.plus(lifetime)));
  }

  void forgetToken(long tokenId) {
    entries.values().removeIf(entry -> entry.tokenId() == tokenId);
  }

  void forgetUser(String user) {
    entries.values().removeIf(entry -> entry.principal().user().equals(user));
  }
}
