package io.coffer.catalog.access;

import io.coffer.catalog.Enums;
import java.util.Locale;

/**
 * What a user may do through the API, each role including the ones before it: a viewer reads, an
 * operator also runs, aborts, verifies and restores into new names, an admin may do everything
 * (restores that drop what exists, deletions, users and tokens).
 */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  public static Role parse(String value) {
    return Enums.parse(Role.class, "role", value);
  }

  /** Whether this role may do what {@code needed} may. */
  public boolean includes(Role needed) {
    return compareTo(needed) >= 0;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
