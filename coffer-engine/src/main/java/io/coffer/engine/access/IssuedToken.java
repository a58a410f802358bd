package io.coffer.engine.access;

import io.coffer.catalog.access.ApiToken;

/**
 * A token just made: the stored record and the token itself, which exists only here — the catalog
 * keeps its hash — so it is shown once and never again.
 */
public record IssuedToken(ApiToken stored, String secret) {

  @Override
  public String toString() {
    return "IssuedToken[" + stored + "]";
  }
}
