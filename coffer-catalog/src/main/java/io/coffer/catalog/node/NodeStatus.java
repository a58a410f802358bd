package io.coffer.catalog.node;

import io.coffer.catalog.Enums;

/** Whether a node is backed up. DOWN pauses every definition of the node until it is RUNNING. */
public enum NodeStatus {
  RUNNING,
  DOWN;

  public static final String FIELD = "status";

  public static NodeStatus parse(String text) {
    return Enums.parse(NodeStatus.class, FIELD, text);
  }
}
