package io.coffer.catalog.job;

import java.util.Objects;
import java.util.StringJoiner;

/** A job to queue, with what it is about. */
public final class NewJob {

  private final JobType type;
  private String agent;
  private Long definitionId;
  private Long oneoffId;
  private Long restoreDefinitionId;
  private Long backupId;
  private String parameters = "";
  private String node;
  private String scheduleKey;

  private NewJob(JobType type) {
    this.type = Objects.requireNonNull(type);
  }

  public static NewJob of(JobType type) {
    return new NewJob(type);
  }

  /** Only this agent may claim the job. */
  public NewJob agent(String reference) {
    this.agent = reference;
    return this;
  }

  public NewJob definition(long id) {
    this.definitionId = id;
    return this;
  }

  public NewJob oneoff(long id) {
    this.oneoffId = id;
    return this;
  }

  public NewJob restoreDefinition(long id) {
    this.restoreDefinitionId = id;
    return this;
  }

  public NewJob backup(long id) {
    this.backupId = id;
    return this;
  }

  /** The node the job reaches; it counts against the node's {@code max_parallel_jobs}. */
  public NewJob node(String reference) {
    this.node = reference;
    return this;
  }

  /**
   * A key naming the scheduled run this job is (e.g. {@code definition 4 at 2026-03-02T01:41:00Z}):
   * a second job with the same key is not queued, so agents and restarts never queue a run twice.
   */
  public NewJob scheduleKey(String key) {
    this.scheduleKey = key;
    return this;
  }

  /** The engine's own description of the work, stored as given. Never a secret. */
  public NewJob parameters(String value) {
    this.parameters = value == null ? "" : value;
    return this;
  }

  JobType type() {
    return type;
  }

  String agent() {
    return agent;
  }

  Long definitionId() {
    return definitionId;
  }

  Long oneoffId() {
    return oneoffId;
  }

  Long restoreDefinitionId() {
    return restoreDefinitionId;
  }

  Long backupId() {
    return backupId;
  }

  String parameters() {
    return parameters;
  }

  String node() {
    return node;
  }

  String scheduleKey() {
    return scheduleKey;
  }

  @Override
  public String toString() {
    StringJoiner text = new StringJoiner(" ").add("type " + type);
    if (agent != null) text.add("agent " + agent);
    if (definitionId != null) text.add("definition " + definitionId);
    if (oneoffId != null) text.add("one-off " + oneoffId);
    if (restoreDefinitionId != null) text.add("restore-definition " + restoreDefinitionId);
    if (backupId != null) text.add("backup " + backupId);
    if (node != null) text.add("node " + node);
    if (scheduleKey != null) text.add("key \"" + scheduleKey + "\"");
    return text.toString();
  }
}
