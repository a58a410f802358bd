package io.coffer.source;

import java.nio.file.Path;

/**
 * What to copy: the node (a running server) and, optionally, where its data directory is on this
 * host. Without one the server is asked for it; either way the directory must be the server's own
 * (checked before anything is copied), because the files are read here, not through the server.
 */
public record PhysicalRequest(NodeAccess node, Path dataDirectory) {

  public PhysicalRequest {
    if (node == null) {
      throw new IllegalArgumentException("backup node is required");
    }
  }
}
