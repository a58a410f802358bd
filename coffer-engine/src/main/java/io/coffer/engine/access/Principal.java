package io.coffer.engine.access;

import io.coffer.catalog.access.Role;

/**
 * Someone authenticated: a user and its role, and how it proved itself ({@code password} or
 * {@code token 12}). The history records changes it makes as {@code api:<user>}.
 */
public record Principal(String user, Role role, String via) {

  /** The actor its changes are recorded under. */
  public String actor() {
    return "api:" + user;
  }

  public boolean may(Role needed) {
    return role.includes(needed);
  }
}
