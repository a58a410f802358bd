package io.coffer.cli.backup;

import io.coffer.catalog.backup.Backup;
import io.coffer.cli.output.Bytes;
import io.coffer.cli.session.Details;
import io.coffer.cli.session.Rows;
import io.coffer.cli.session.Text;
import java.util.List;
import java.util.Locale;

/** Backups as table rows. */
final class BackupRows {

  private BackupRows() {}

  static Rows of(List<Backup> backups) {
    Rows rows = new Rows("ID", "DEF", "NODE", "DATABASES", "KIND", "LEVEL", "STARTED", "DURATION", "READ", "STORED",
        "STATUS", "VERIFIED", "ON DISK UNTIL").alignRight(0, 1, 5, 7, 8, 9);
    for (Backup b : backups) {
      rows.add(b.id(), Text.id(b.definitionId()), b.node(), String.join(",", b.databases()), b.kind(), b.level(),
          Text.time(b.startedAt()), Text.duration(b.duration()), Bytes.format(b.bytesRead()),
          Bytes.format(b.bytesStored()), b.status(), b.verification().isEmpty() ? "-" : b.verification(),
          Text.time(b.onDiskUntil()));
    }
    return rows;
  }

  /**
   * What the backup read from its node and what it added to the volume: the work it did, as
   * opposed to the size of the databases on disk.
   */
  static Details bytes(Details details, Backup b) {
    return details
        .add("Bytes read", Bytes.format(b.bytesRead()))
        .add("Bytes new", Bytes.format(b.bytesNew()))
        .add("Bytes stored", Bytes.format(b.bytesStored()))
        .add("Stored / read", b.bytesRead() == 0 ? "" : String.format(Locale.ROOT, "%.1f%%",
            100.0 * b.bytesStored() / b.bytesRead()));
  }
}
