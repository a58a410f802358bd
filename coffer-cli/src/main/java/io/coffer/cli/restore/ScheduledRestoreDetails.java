package io.coffer.cli.restore;

import io.coffer.catalog.restore.RestoreDefinition;
import io.coffer.cli.session.Details;
import io.coffer.cli.session.Rows;
import io.coffer.cli.session.Text;
import java.util.List;

/** How scheduled restores (the catalog's restore definitions) are shown. */
final class ScheduledRestoreDetails {

  private ScheduledRestoreDetails() {}

  static Rows rows(List<RestoreDefinition> definitions) {
    Rows rows = new Rows("ID", "AT", "BACKUP", "TARGET NODE", "TARGET DATABASE", "EXISTING", "AGENT", "STATUS")
        .alignRight(0, 2);
    for (RestoreDefinition d : definitions) {
      rows.add(d.id(), Text.time(d.runAt()), d.backupId(), d.targetNode(), target(d), d.existing(), d.agent(),
          status(d));
    }
    return rows;
  }

  static Details of(RestoreDefinition d) {
    Details details = new Details()
        .add("Id", d.id())
        .add("Run at", Text.time(d.runAt()))
        .add("Backup", d.backupId())
        .add("Agent", d.agent())
        .add("Target node", d.targetNode())
        .add("Target database", target(d))
        .add("Existing target", d.existing())
        .add("Roles", d.roles())
        .add("Jobs", d.jobs() == 0 ? "(the agent's setting)" : Integer.toString(d.jobs()))
        .add("Keep failed", d.keepFailed() ? "yes" : "no");
    if (!d.files().isDefault()) {
      details.add("Target directory", d.files().directory() == null ? "(default)" : d.files().directory())
          .add("Path", d.files().path() == null ? "(all of the tree)" : d.files().path())
          .add("Force", d.files().force() ? "yes" : "no")
          .add("External symlinks", d.files().externalSymlinks() ? "kept" : "refused");
      if (!d.files().tablespaces().isEmpty()) {
        details.add("Tablespace map", d.files().tablespaces().toString());
      }
    }
    return details
        .add("Status", status(d))
        .add("Started", Text.time(d.startedAt()))
        .add("Error", d.error())
        .add("Remarks", d.remarks())
        .add("Registered", Text.time(d.createdAt()));
  }

  private static String target(RestoreDefinition d) {
    return d.timestamped() ? "(timestamped)" : d.targetDatabase().isEmpty() ? "(as backed up)" : d.targetDatabase();
  }

  /** WAITING, RUNNING (taken by its agent), DONE or FAILED. */
  private static String status(RestoreDefinition d) {
    return d.isRunning() ? "RUNNING" : d.status().name();
  }
}
