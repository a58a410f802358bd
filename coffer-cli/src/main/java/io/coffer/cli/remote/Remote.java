package io.coffer.cli.remote;

import io.coffer.cli.UserException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** Which commands run against a server, and the small pieces of their requests. */
public final class Remote {

  /** The commands that run against a server, for the message of those that do not. */
  public static final String COMMANDS = "backup list, backup show, backup run, backup abort, backup verify,"
      + " restore run, job list, job show, job log, job abort, definition list, definition show, node list";

  private Remote() {}

  /** The refusal of a command that has no form against a server: it names the command and those that have. */
  public static UserException notRemote(CommandSpec spec) {
    return new UserException("coffer " + spec.qualifiedName().replaceFirst("^coffer ", "")
        + " does not run against a server (--server or client.server); against one: " + COMMANDS);
  }

  /** {@code ?name=value&…} of the pairs whose value is given, URL-encoded. */
  public static String query(Object... pairs) {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        query.append(query.length() == 0 ? '?' : '&').append(pairs[i]).append('=')
            .append(URLEncoder.encode(pairs[i + 1].toString(), StandardCharsets.UTF_8));
      }
    }
    return query.toString();
  }

  /** The body of a request: the entries whose value is given. */
  public static Map<String, Object> body(Object... pairs) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        body.put(pairs[i].toString(), pairs[i + 1]);
      }
    }
    return body;
  }
}
