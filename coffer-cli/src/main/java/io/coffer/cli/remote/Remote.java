package io.coffer.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.session.Rows;
import java.util.Locale;

/** What the command line prints of a server's answers, and which commands run against a server. */
public final class Remote {

  /** The commands that run against a server, for the message of those that do not. */
  public static final String COMMANDS = "backup list, backup run, backup abort, job list, job show, job abort,"
      + " restore run";

  private Remote() {}

  /** {@code ?name=value&…} of the pairs whose value is given, URL-encoded. */
  public static String query(Object... pairs) {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        query.append(query.length() == 0 ? '?' : '&').append(pairs[i]).append('=')
            .append(java.net.URLEncoder.encode(pairs[i + 1].toString(), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return query.toString();
  }

  /** The body of a request: the entries whose value is given. */
  public static java.util.Map<String, Object> body(Object... pairs) {
    java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        body.put(pairs[i].toString(), pairs[i + 1]);
      }
    }
    return body;
  }

  /** The job columns the command line shows of a job the server queued or changed. */
  public static final String[] JOB = {"id", "type", "state", "subject.node", "progress.percent", "progress.phase",
      "error"};

  /** A table of {@code columns} (JSON field names; {@code progress.percent} reaches into objects) of one or many objects. */
  public static Rows rows(JsonNode answer, String... columns) {
    String[] headers = new String[columns.length];
    for (int i = 0; i < columns.length; i++) {
      headers[i] = columns[i].replaceAll("([a-z])([A-Z])", "$1 $2").replace('.', ' ').toUpperCase(Locale.ROOT);
    }
    Rows rows = new Rows(headers);
    for (JsonNode item : answer.isArray() ? answer : java.util.List.of(answer)) {
      Object[] values = new Object[columns.length];
      for (int i = 0; i < columns.length; i++) {
        JsonNode value = item;
        for (String part : columns[i].split("\\.")) {
          value = value.path(part);
        }
        values[i] = value.isMissingNode() || value.isNull() ? "" : value.isTextual() ? value.asText() : value.toString();
      }
      rows.add(values);
    }
    return rows;
  }
}
