package io.coffer.catalog.access;

import java.time.Instant;

/** A user of the API. The password hash never leaves the engine: interfaces print {@link #name()} and {@link #role()}. */
public record User(long id, String name, Role role, String passwordHash, Instant createdAt, Instant updatedAt) {

  @Override
  public String toString() {
    return "User[id=" + id + ", name=" + name + ", role=" + role + "]";
  }
}
