package io.coffer.engine.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API tokens: {@code coffer_} and 32 random bytes in URL-safe Base64. 256 random bits need no slow
 * hash, so the catalog keeps their SHA-256 and a presented token is found by the hash of what was
 * presented; the secret itself is never stored nor compared.
 */
final class Tokens {

  static final String PREFIX = "coffer_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Whether the text has the shape of a token, so that a password typed into the wrong place is never looked up. */
  static boolean looksLikeToken(String text) {
    return text != null && text.startsWith(PREFIX) && text.length() == PREFIX.length() + 43;
  }
}
