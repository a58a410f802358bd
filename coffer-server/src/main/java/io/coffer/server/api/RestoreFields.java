package io.coffer.server.api;

import io.coffer.catalog.Enums;
import io.coffer.catalog.access.Role;
import io.coffer.catalog.restore.FilesTarget;
import io.coffer.catalog.restore.TablespaceMap;
import io.coffer.engine.access.Principal;
import io.coffer.engine.restore.RestoreQueue;
import io.coffer.model.ExistingPolicy;
import io.coffer.server.http.ApiException;
import io.coffer.server.http.RequestFields;
import io.coffer.server.http.Route.Param;
import java.util.List;
import java.util.Locale;

/**
 * A restore as the API's JSON and the console's wizard give it: the same field names, the same
 * checks in the same order and the same words, so that a plan refused in the wizard is refused by
 * {@code POST /api/v1/restores/plan} with the same message, naming the fields as the JSON does
 * ({@link io.coffer.catalog.CatalogValidationException#apiMessage()}). What an operator may not do
 * (rename or drop an existing database, write into a non-empty directory) is refused here, before
 * the engine is asked; what depends on the backup (a database field for a FILES backup, a tablespace
 * it does not hold) the engine refuses.
 */
public final class RestoreFields {

  /** The fields of a plan and of a restore. */
  static final List<Param> FIELDS = List.of(
      new Param("backup", "integer", true, "the backup to restore"),
      new Param("targetNode", "string", false, "the node to restore into (required for a logical backup; a FILES or"
          + " PHYSICAL backup's own node by default)"),
      new Param("targetDatabase", "string", false, "databases: the new database's name (default: the backed-up"
          + " name); a 400 for a FILES or PHYSICAL backup"),
      new Param("existing", "string", false, "databases: refuse (default), rename or drop an existing target;"
          + " a 400 for anything but refuse for a FILES or PHYSICAL backup"),
      new Param("targetDirectory", "string", false, "FILES/PHYSICAL: an absolute directory on the agent's host"
          + " (default: <data directory>_<backup time> beside the node's)"),
      new Param("path", "string", false, "FILES/PHYSICAL: only this file or directory of the tree"),
      new Param("force", "boolean", false, "FILES/PHYSICAL: write into a non-empty directory (admin)"),
      new Param("allowExternalSymlinks", "boolean", false,
          "FILES/PHYSICAL: keep symlinks that point outside the target"),
      new Param("tablespaceMap", "object", false, "PHYSICAL: where tablespaces go, by name or OID, e.g."
          + " {\"fast\": \"/srv/pg/fast\"}: absolute directories on the agent's host, one each (default: a new"
          + " <its directory>_<backup time> beside the original)"));

  private RestoreFields() {}

  /** The restore the fields describe, asked for by {@code who}; refuses the first bad field, naming it. */
  public static RestoreQueue.Request of(RequestFields fields, Principal who) {
    int backup = fields.integer("backup", 1, Integer.MAX_VALUE).orElseThrow(() -> new ApiException(400,
        "backup is missing; accepted: the id of a backup", "backup"));
    ExistingPolicy existing = fields.parsed("existing", p -> Enums.parse(ExistingPolicy.class, ExistingPolicy.FIELD,
        p)).orElse(ExistingPolicy.REFUSE);
    if (existing != ExistingPolicy.REFUSE) {
      requireAdmin(who, "existing", "restore with existing " + existing.name().toLowerCase(Locale.ROOT));
    }
    FilesTarget files = new FilesTarget(fields.string("targetDirectory").orElse(null), fields.string("path")
        .orElse(null), fields.bool("force").orElse(false), fields.bool("allowExternalSymlinks").orElse(false),
        new TablespaceMap(fields.map("tablespaceMap")));
    if (files.force()) {
      requireAdmin(who, "force", "restore into a non-empty directory (force)");
    }
    return new RestoreQueue.Request(backup, fields.string("targetNode").orElse(null),
        fields.string("targetDatabase").orElse(null), existing, files);
  }

  /** Replacing what is there (a database, a directory's files) is an admin's. */
  private static void requireAdmin(Principal who, String field, String what) {
    if (!who.may(Role.ADMIN)) {
      throw new ApiException(403, "user " + who.user() + " (" + who.role() + ") may not " + what
          + "; it needs the role admin", field);
    }
  }
}
