package io.coffer.catalog.oneoff;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.config.NodeDefaults;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.model.Kind;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A one-off to plan. Agent, node, volume, the time and, but for FILES and PHYSICAL, the databases are
 * required; kind, retention and extra parameters fall back to the node's settings.
 */
public final class NewOneoff {

  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9._-]{0,64}");

  private final String agent;
  private final String node;
  private final String volume;
  private final DatabaseSelector databases;
  private final Instant runAt;
  private Kind kind;
  private String tag = "";
  private RetentionPeriod retention;
  private Expire expire;
  private String extraParameters;
  private String remarks = "";

  private NewOneoff(String agent, String node, String volume, DatabaseSelector databases, Instant runAt) {
    this.agent = agent;
    this.node = node;
    this.volume = volume;
    this.databases = databases;
    this.runAt = Objects.requireNonNull(runAt, "runAt");
  }

  /** @param databases the databases as given; null when none were (FILES and PHYSICAL) */
  public static NewOneoff of(String agent, String node, String volume, DatabaseSelector databases, Instant runAt) {
    return new NewOneoff(agent, node, volume, databases, runAt);
  }

  public NewOneoff kind(Kind value) {
    this.kind = value;
    return this;
  }

  /** A label for the backup, e.g. {@code before-upgrade}. */
  public NewOneoff tag(String value) {
    String stripped = value == null ? "" : value.strip();
    if (!TAG.matcher(stripped).matches()) {
      throw new CatalogValidationException("tag", value, "up to 64 letters, digits, '.', '_' or '-'");
    }
    this.tag = stripped;
    return this;
  }

  public NewOneoff retention(RetentionPeriod value) {
    this.retention = value;
    return this;
  }

  public NewOneoff expire(Expire value) {
    this.expire = value;
    return this;
  }

  public NewOneoff extraParameters(String value) {
    this.extraParameters = value;
    return this;
  }

  public NewOneoff remarks(String value) {
    this.remarks = value == null ? "" : value.strip();
    return this;
  }

  String agent() {
    return agent;
  }

  /** The node as given (name or id). */
  public String node() {
    return node;
  }

  String volume() {
    return volume;
  }

  /** The databases as given; null when none were. */
  DatabaseSelector databases() {
    return databases;
  }

  /** The databases a one-off of {@code kind} covers ({@link DatabaseSelector#forKind}). */
  DatabaseSelector databases(Kind kind) {
    return DatabaseSelector.forKind(kind, databases, "one-off");
  }

  Instant runAt() {
    return runAt;
  }

  /** The kind given, else the node's default. */
  public Kind kind(NodeDefaults defaults) {
    return kind != null ? kind : defaults.kind();
  }

  String tag() {
    return tag;
  }

  RetentionPeriod retention() {
    return retention;
  }

  Expire expire() {
    return expire;
  }

  /** The extra parameters given; null when not given (the node's default applies). */
  public String extraParameters() {
    return extraParameters;
  }

  String remarks() {
    return remarks;
  }

  @Override
  public String toString() {
    return "agent " + agent + " node " + node + " volume " + volume
        + " databases " + (databases == null ? "(whole data directory)" : databases) + " at " + runAt
        + (tag.isEmpty() ? "" : " tag " + tag);
  }
}
