package io.coffer.engine.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Logins with a password that succeeded recently, so that HTTP Basic (a password with every request,
 * as seed 004's clients send it) costs one Argon2id hash per user and password every few minutes,
 * not one per request. Entries are keyed by an HMAC of user and password under a key made afresh
 * in each process, so the cache holds no password and nothing an attacker could test offline; each
 * entry also keeps the stored hash it was checked against, so a changed password ends it at once.
 *
 * <p>Thread-safe. Bounded: when full it is emptied, which costs only re-hashing.
 */
final class LoginCache {

  private static final int MAX_ENTRIES = 10_000;

  private record Entry(String storedHash, Instant until) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final SecretKeySpec key;
  private final Duration lifetime;

  LoginCache(Duration lifetime) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    this.lifetime = lifetime;
  }

  /** Whether this user logged in with this password against this stored hash lately. */
  boolean knows(String user, char[] password, String storedHash, Instant now) {
    Entry entry = entries.get(keyOf(user, password));
    return entry != null && entry.until().isAfter(now) && entry.storedHash().equals(storedHash);
  }

  void remember(String user, char[] password, String storedHash, Instant now) {
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(keyOf(user, password), new Entry(storedHash, now.plus(lifetime)));
  }

  private String keyOf(String user, char[] password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(user.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password)));
      return Base64.getEncoder().encodeToString(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
