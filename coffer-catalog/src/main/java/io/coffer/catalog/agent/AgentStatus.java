package io.coffer.catalog.agent;

import io.coffer.catalog.Enums;

/** Whether an agent takes jobs. A DOWN agent claims nothing; its definitions wait. */
public enum AgentStatus {
  RUNNING,
  DOWN;

  public static final String FIELD = "status";

  public static AgentStatus parse(String text) {
    return Enums.parse(AgentStatus.class, FIELD, text);
  }
}
