package io.coffer.cli.volume;

import io.coffer.cli.output.Bytes;
import io.coffer.repo.BackupReader;
import io.coffer.repo.manifest.Entry;
import io.coffer.repo.manifest.Manifest;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code coffer volume restore}: writes the entries of a backup below TARGET_DIR, which must be new
 * or empty. Names that would leave it and symlinks pointing out of it are refused.
 */
@Command(name = "restore", description = "Restore a backup (or one entry of it) into a new or empty directory.")
final class VolumeRestoreCommand extends OpenVolumeCommand {

  @Parameters(index = "1", paramLabel = "ID[:NAME]", description = "Backup id, unique prefix or latest (the newest); NAME restores one entry only.")
  String ref;

  @Parameters(index = "2", paramLabel = "TARGET_DIR", description = "Directory to restore into; created when missing, must be empty.")
  Path target;

  record Result(String id, String name, String target, long bytes) {}

  @Override
  int run(VolumeSession session) throws IOException {
    BackupRef r = BackupRef.parse(ref);
    String id = session.volume().resolve(r.id());
    Manifest m = session.volume().manifest(id);
    Entry only = r.name() == null ? null : m.entry(r.name());
    long bytes = only == null ? m.size() : only.size();
    try (BackupReader reader = session.volume().reader()) {
      reader.restore(id, r.name(), target, false, progress());
    }
    Path where = target.toAbsolutePath().normalize();
    if (json()) {
      printJson(new Result(id, r.name(), where.toString(), bytes));
    } else {
      out().printf("restored backup %s (%s) into %s%n", id.substring(0, 12), Bytes.format(bytes), where);
      out().flush();
    }
    return 0;
  }
}
