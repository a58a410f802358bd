package io.coffer.cli.volume;

import io.coffer.cli.output.Bytes;
import io.coffer.cli.output.Table;
import io.coffer.cli.output.Times;
import io.coffer.repo.BackupInfo;
import io.coffer.repo.manifest.BackupStats;
import io.coffer.repo.manifest.Entry;
import io.coffer.repo.manifest.Manifest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code coffer volume ls}: the backups of a volume, oldest first. */
@Command(name = "ls", description = "List the backups of a volume: id, time, names, tags and sizes.")
final class LsCommand extends OpenVolumeCommand {

  record EntryView(String name, String type, long size) {}

  record BackupView(String id, String time, String host, String user, Map<String, String> tags, List<EntryView> entries, long size, BackupStats stats) {
    static BackupView of(BackupInfo b) {
      Manifest m = b.manifest();
      List<EntryView> entries = m.entries().stream().map(e -> new EntryView(e.name(), e.type(), e.size())).toList();
      return new BackupView(b.id(), m.time(), m.host(), m.user(), m.tags(), entries, m.size(), m.stats());
    }
  }

  record Result(String location, List<BackupView> backups) {}

  @Override
  int run(VolumeSession session) throws IOException {
    List<BackupInfo> backups = session.volume().backups();
    if (json()) {
      printJson(new Result(session.location(), backups.stream().map(BackupView::of).toList()));
      return 0;
    }
    if (backups.isEmpty()) {
      out().println("no backups in volume " + session.location());
      out().flush();
      return 0;
    }
    Table t = new Table("ID", "TIME", "SIZE", "NEW", "STORED", "NAMES", "TAGS").alignRight(2, 3, 4);
    for (BackupInfo b : backups) {
      Manifest m = b.manifest();
      t.row(
          b.shortId(),
          Times.format(m.time()),
          Bytes.format(m.size()),
          Bytes.format(m.stats().bytesNew()),
          Bytes.format(m.stats().bytesStored()),
          m.entries().stream().map(Entry::name).collect(Collectors.joining(", ")),
          m.tags().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
    }
    t.print(out());
    return 0;
  }
}
