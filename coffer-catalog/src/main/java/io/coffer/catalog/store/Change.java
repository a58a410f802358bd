package io.coffer.catalog.store;

/**
 * What a state-changing call is about, for its history row: {@code node add}, {@code node pg1},
 * and the values given (never a secret).
 */
public record Change(String action, String subject, String detail) {

  public static Change of(String action, String subject) {
    return new Change(action, subject, "");
  }
}
