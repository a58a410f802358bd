package io.coffer.catalog.agent;

import java.util.Optional;

/** The changes to make to an agent; what is left unset stays as it is. */
public final class AgentUpdate {

  private AgentStatus status;
  private String remarks;

  public AgentUpdate status(AgentStatus value) {
    this.status = value;
    return this;
  }

  public AgentUpdate remarks(String value) {
    this.remarks = value == null ? "" : value.strip();
    return this;
  }

  Optional<AgentStatus> status() {
    return Optional.ofNullable(status);
  }

  Optional<String> remarks() {
    return Optional.ofNullable(remarks);
  }

  @Override
  public String toString() {
    return (status == null ? "" : "status " + status + " ") + (remarks == null ? "" : "remarks \"" + remarks + "\"");
  }
}
