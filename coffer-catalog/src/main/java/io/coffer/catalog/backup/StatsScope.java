package io.coffer.catalog.backup;

import java.util.Objects;

/** What statistics cover: every backup, or those of one node or one agent. */
public record StatsScope(Over over, String reference) {

  /** The sort of thing the statistics are about. */
  public enum Over {
    GLOBAL,
    NODE,
    AGENT
  }

  public static StatsScope global() {
    return new StatsScope(Over.GLOBAL, null);
  }

  public static StatsScope node(String reference) {
    return new StatsScope(Over.NODE, Objects.requireNonNull(reference));
  }

  public static StatsScope agent(String reference) {
    return new StatsScope(Over.AGENT, Objects.requireNonNull(reference));
  }

  @Override
  public String toString() {
    return over == Over.GLOBAL ? "all backups" : over.name().toLowerCase() + " " + reference;
  }
}
