package io.coffer.source;

import io.coffer.model.Kind;
import java.util.List;

/**
 * What to back up: the node, which of its databases, the kind, how many parallel jobs and the extra
 * parameters for the node's dump tool ({@link ExtraParameters}, checked here against the node's
 * engine). For {@link Kind#CLUSTER} the selector must be {@code #all_databases#} (exclusions
 * allowed); a null selector means that.
 */
public record BackupRequest(NodeAccess node, MemberSelector databases, Kind kind, int jobs, List<String> extraParameters) {

  /** A request without extra parameters. */
  public BackupRequest(NodeAccess node, MemberSelector databases, Kind kind, int jobs) {
    this(node, databases, kind, jobs, List.of());
  }

  public BackupRequest {
    if (node == null) {
      throw new IllegalArgumentException("backup node is required");
    }
    extraParameters = extraParameters == null ? List.of()
        : ExtraParameters.parse(node.engine().id(), String.join(" ", extraParameters));
    if (kind == null) {
      throw new IllegalArgumentException("backup kind is required (FULL, SCHEMA, DATA or CLUSTER)");
    }
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
    }
    if (kind == Kind.CLUSTER) {
      if (databases == null) {
        databases = MemberSelector.all(java.util.List.of());
      } else if (!databases.isAll()) {
        throw new IllegalArgumentException(
            "kind CLUSTER backs up every database; the database selector must be "
                + MemberSelector.ALL_DATABASES
                + " (with exclusions if needed), got "
                + databases);
      }
    } else if (databases == null) {
      throw new IllegalArgumentException("backup databases are required for kind " + kind);
    }
  }
}
