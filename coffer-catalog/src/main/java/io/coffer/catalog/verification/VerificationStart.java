package io.coffer.catalog.verification;

import java.time.Instant;
import java.util.List;

/** A verification about to run: which backup, on which node, into which scratch databases. */
public final class VerificationStart {

  private final long backupId;
  private final String node;
  private final List<String> scratchDatabases;
  private final VerificationScope scope;
  private String agent;
  private Instant startedAt;

  private VerificationStart(long backupId, String node, List<String> scratchDatabases, VerificationScope scope) {
    this.backupId = backupId;
    this.node = node;
    this.scratchDatabases = List.copyOf(scratchDatabases);
    this.scope = scope;
  }

  public static VerificationStart of(long backupId, String node, List<String> scratchDatabases,
      VerificationScope scope) {
    return new VerificationStart(backupId, node, scratchDatabases, scope);
  }

  public VerificationStart agent(String reference) {
    this.agent = reference;
    return this;
  }

  public VerificationStart startedAt(Instant value) {
    this.startedAt = value;
    return this;
  }

  long backupId() {
    return backupId;
  }

  String node() {
    return node;
  }

  List<String> scratchDatabases() {
    return scratchDatabases;
  }

  VerificationScope scope() {
    return scope;
  }

  String agent() {
    return agent;
  }

  Instant startedAt() {
    return startedAt;
  }

  @Override
  public String toString() {
    return "backup " + backupId + " node " + node + " scratch " + String.join(",", scratchDatabases) + " " + scope;
  }
}
