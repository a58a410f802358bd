package io.coffer.catalog.node;

import io.coffer.model.CredentialReference;
import java.util.StringJoiner;

/**
 * The changes to make to a node; what is left unset stays as it is. The name and engine of a node
 * never change: definitions and backups are about that database server.
 */
public final class NodeUpdate {

  private String host;
  private Integer port;
  private String adminUser;
  private CredentialReference credential;
  private String dataDirectory;
  private NodeStatus status;
  private String remarks;

  public NodeUpdate host(String value) {
    this.host = value;
    return this;
  }

  public NodeUpdate port(int value) {
    this.port = value;
    return this;
  }

  public NodeUpdate adminUser(String value) {
    this.adminUser = value;
    return this;
  }

  public NodeUpdate credential(CredentialReference value) {
    this.credential = value;
    return this;
  }

  public NodeUpdate dataDirectory(String value) {
    this.dataDirectory = value;
    return this;
  }

  /** DOWN pauses every definition of the node; RUNNING resumes them. */
  public NodeUpdate status(NodeStatus value) {
    this.status = value;
    return this;
  }

  public NodeUpdate remarks(String value) {
    this.remarks = value;
    return this;
  }

  /** The new data directory, when this changes it (the engine checks that it exists). */
  public java.util.Optional<String> dataDirectory() {
    return java.util.Optional.ofNullable(dataDirectory);
  }

  boolean changesStatus() {
    return status != null;
  }

  /** The node's values with these changes applied, validated as a whole. */
  NewNode applyTo(Node node) {
    return new NewNode(
        node.name(),
        node.engine(),
        host != null ? host : node.host(),
        port != null ? port : node.port(),
        adminUser != null ? adminUser : node.adminUser(),
        credential != null ? credential : node.credential(),
        dataDirectory != null ? dataDirectory : node.dataDirectory(),
        status != null ? status : node.status(),
        remarks != null ? remarks : node.remarks());
  }

  @Override
  public String toString() {
    StringJoiner changes = new StringJoiner(" ");
    if (host != null) changes.add("host " + host);
    if (port != null) changes.add("port " + port);
    if (adminUser != null) changes.add("admin-user " + adminUser);
    if (credential != null) changes.add("credential " + credential);
    if (dataDirectory != null) changes.add("data-directory " + dataDirectory);
    if (status != null) changes.add("status " + status);
    if (remarks != null) changes.add("remarks \"" + remarks + "\"");
    return changes.toString();
  }
}
