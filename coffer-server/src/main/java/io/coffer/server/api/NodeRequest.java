package io.coffer.server.api;

import io.coffer.catalog.node.Credentials;
import io.coffer.catalog.node.NodeStatus;
import io.coffer.catalog.node.NodeUpdate;
import io.coffer.server.http.RequestFields;
import io.coffer.server.http.Route.Param;
import java.util.List;

/**
 * A change to a node, as the API's JSON and the console's form give it, read by the parsers of
 * {@code node update}. A node's name and engine never change; what is left out stays as it is.
 * The credential is a reference (where the secret lives), never the secret itself.
 */
public final class NodeRequest {

  static final List<Param> CHANGE = List.of(
      new Param("host", "string", false, "host name or address of the database server"),
      new Param("port", "integer", false, "TCP port of the database server (1-65535)"),
      new Param("adminUser", "string", false, "the role or user Coffer connects as"),
      new Param("credential", "string", false, "none, file:/PATH, pgpass[:/PATH] or env:VARIABLE (never the secret)"),
      new Param("dataDirectory", "string", false, "the data directory (sqlite and filesystem nodes)"),
      new Param("status", "string", false, "RUNNING, or DOWN to pause its definitions and refuse backups by hand"),
      new Param("remarks", "string", false, "a free-text note"));

  private NodeRequest() {}

  /** The change the fields describe; refuses the first bad one, naming it. */
  public static NodeUpdate change(RequestFields fields) {
    NodeUpdate update = new NodeUpdate();
    fields.string("host").map(String::strip).ifPresent(update::host);
    fields.integer("port", 1, 65_535).ifPresent(update::port);
    fields.string("adminUser").map(String::strip).ifPresent(update::adminUser);
    fields.parsed("credential", Credentials::parse).ifPresent(update::credential);
    fields.string("dataDirectory").map(String::strip).ifPresent(update::dataDirectory);
    fields.parsed("status", NodeStatus::parse).ifPresent(update::status);
    fields.string("remarks").ifPresent(update::remarks);
    return update;
  }
}
