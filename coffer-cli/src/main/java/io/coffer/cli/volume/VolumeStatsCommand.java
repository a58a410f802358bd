package io.coffer.cli.volume;

import io.coffer.cli.output.Bytes;
import io.coffer.cli.output.Fields;
import io.coffer.repo.VolumeStats;
import java.io.IOException;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code coffer volume stats}: what the backups hold against what the volume stores. */
@Command(name = "stats", description = "Show logical against stored size, the dedup ratio, packs, blobs and index files.")
final class VolumeStatsCommand extends OpenVolumeCommand {

  @Override
  int run(VolumeSession session) throws IOException {
    VolumeStats s = session.volume().stats();
    if (json()) {
      printJson(s);
      return 0;
    }
    out().println("volume " + session.location() + ":");
    new Fields()
        .add("backups", s.backups())
        .add("logical size", Bytes.format(s.logicalBytes()) + " (all backups, before dedup and compression)")
        .add("stored size", Bytes.format(s.storedBytes()) + " (packs)")
        .add("ratio", String.format(Locale.ROOT, "%.2fx", s.dedupRatio()))
        .add("packs", s.packs())
        .add("blobs", s.blobs() + (s.blobsAgainstReferences() > 0
            ? " (" + s.blobsAgainstReferences() + " changed chunks stored against earlier ones)" : ""))
        .add("index files", s.indexFiles())
        .print(out());
    return 0;
  }
}
