package io.coffer.catalog.node;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.Names;
import io.coffer.model.CredentialReference;
import io.coffer.model.Engine;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A node to register, or a node's values after an update; validated as a whole when built. Server
 * engines need a host (the port defaults to the engine's, the admin user to {@code postgres} or
 * {@code root}); file engines need an absolute data directory.
 */
public record NewNode(
    String name,
    Engine engine,
    String host,
    Integer port,
    String adminUser,
    CredentialReference credential,
    String dataDirectory,
    NodeStatus status,
    String remarks) {

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:_-]{0,252}");

  public NewNode {
    name = Names.require("node", name);
    Objects.requireNonNull(engine, "engine");
    host = blankToEmpty(host);
    adminUser = blankToEmpty(adminUser);
    dataDirectory = blankToEmpty(dataDirectory);
    remarks = blankToEmpty(remarks);
    credential = credential == null ? CredentialReference.NONE : credential;
    status = status == null ? NodeStatus.RUNNING : status;
    if (engine.isServer()) {
      if (host.isEmpty()) {
        throw new CatalogValidationException("host", host, "the host name or address of the " + engine + " server");
      }
      if (!HOST.matcher(host).matches()) {
        throw new CatalogValidationException("host", host, "a host name, an IPv4 address or an IPv6 address");
      }
      port = port == null ? engine.defaultPort().getAsInt() : port;
      if (port < 1 || port > 65535) {
        throw new CatalogValidationException("port", port, "a TCP port from 1 to 65535");
      }
      if (adminUser.isEmpty()) {
        adminUser = engine == Engine.POSTGRESQL ? "postgres" : "root";
      }
    } else {
      if (dataDirectory.isEmpty() || !Path.of(dataDirectory).isAbsolute()) {
        throw new CatalogValidationException(
            "data-directory", dataDirectory, "the absolute path of the directory holding the " + engine + " files");
      }
      if (port != null) {
        throw new CatalogValidationException("port", port, "no port for a " + engine + " node");
      }
    }
  }

  public static Builder builder(String name, Engine engine) {
    return new Builder(name, engine);
  }

  private static String blankToEmpty(String text) {
    return text == null ? "" : text.strip();
  }

  @Override
  public String toString() {
    return "engine " + engine + (host.isEmpty() ? "" : " host " + host) + (port == null ? "" : " port " + port)
        + (adminUser.isEmpty() ? "" : " admin-user " + adminUser) + " credential " + credential
        + (dataDirectory.isEmpty() ? "" : " data-directory " + dataDirectory) + " status " + status;
  }

  /** Builds a {@link NewNode}; only the name and engine are required. */
  public static final class Builder {
    private final String name;
    private final Engine engine;
    private String host;
    private Integer port;
    private String adminUser;
    private CredentialReference credential;
    private String dataDirectory;
    private NodeStatus status;
    private String remarks;

    private Builder(String name, Engine engine) {
      this.name = name;
      this.engine = engine;
    }

    public Builder host(String value) {
      this.host = value;
      return this;
    }

    public Builder port(Integer value) {
      this.port = value;
      return this;
    }

    public Builder adminUser(String value) {
      this.adminUser = value;
      return this;
    }

    public Builder credential(CredentialReference value) {
      this.credential = value;
      return this;
    }

    public Builder dataDirectory(String value) {
      this.dataDirectory = value;
      return this;
    }

    public Builder status(NodeStatus value) {
      this.status = value;
      return this;
    }

    public Builder remarks(String value) {
      this.remarks = value;
      return this;
    }

    public NewNode build() {
      return new NewNode(name, engine, host, port, adminUser, credential, dataDirectory, status, remarks);
    }
  }
}
