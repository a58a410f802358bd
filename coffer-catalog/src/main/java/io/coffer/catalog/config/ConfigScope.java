package io.coffer.catalog.config;

/** What a setting belongs to. */
public enum ConfigScope {
  AGENT,
  NODE
}
