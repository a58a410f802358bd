package io.coffer.source;

import java.nio.file.Path;

/**
 * What to copy: the node (a running server) and, optionally, where its data directory is on this
 * host. Without one the server is asked for it; either way the directory must be the server's own
 * (checked before anything is copied), because the files are read here, not through the server.
 *
 * @param parent at a level above 0, the backup this one builds on, for a driver that copies only
 *     what changed since it (MariaDB); null at level 0 or when the parent is not known
 */
public record PhysicalRequest(NodeAccess node, Path dataDirectory, Parent parent) {

  public PhysicalRequest {
    if (node == null) {
      throw new IllegalArgumentException("backup node is required");
    }
  }

  public PhysicalRequest(NodeAccess node, Path dataDirectory) {
    this(node, dataDirectory, null);
  }

  public PhysicalRequest withParent(Parent parent) {
    return new PhysicalRequest(node, dataDirectory, parent);
  }

  /**
   * The parent backup: its catalog id (for what people read), its manifest in the same volume (what
   * a restore follows, as the volume is the truth) and its report.
   */
  public record Parent(long backupId, String manifestId, PhysicalReport report) {}
}
