package io.coffer.cli.restore;

import io.coffer.catalog.restore.Restore;
import io.coffer.cli.output.Bytes;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Rows;
import io.coffer.cli.session.Text;
import io.coffer.engine.Coffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer restore list}. */
@Command(name = "list", description = "List restores, newest first.")
final class RestoreList extends EngineCommand {

  @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
      description = "At most N restores, newest first (default ${DEFAULT-VALUE}).")
  int limit;

  @Override
  protected int run(Coffer coffer) {
    Rows rows = new Rows("ID", "BACKUP", "TARGET NODE", "TARGET DATABASE", "STARTED", "DURATION", "WRITTEN", "STATUS")
        .alignRight(0, 1, 5, 6);
    for (Restore r : coffer.restoreRecords().list(limit)) {
      rows.add(r.id(), Text.id(r.backupId()), r.targetNode(), r.targetDatabase(), Text.time(r.startedAt()),
          Text.duration(r.duration()), Bytes.format(r.bytesWritten()), r.status());
    }
    print(rows, "No restores.");
    return 0;
  }
}
