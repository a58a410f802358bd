package io.coffer.engine.notify;

import java.time.Instant;
import java.util.List;

/**
 * What a notice says, as the JSON the command and the webhook receive: which job ended how, what it
 * was about, and the catalog's {@code notification_address} settings of its agent and node (for a
 * command that mails them). Never a secret.
 */
public record Notice(
    String event,
    long job,
    String type,
    String state,
    String agent,
    String node,
    Long definition,
    Long oneoff,
    Long backup,
    String summary,
    Instant at,
    List<String> addresses) {

  public Notice {
    addresses = List.copyOf(addresses);
  }
}
