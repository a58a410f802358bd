package io.coffer.cli.volume;

import io.coffer.cli.output.Bytes;
import io.coffer.cli.output.Fields;
import io.coffer.repo.PruneReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer volume prune}: deletes data no backup references and repacks mostly-dead packs. */
@Command(name = "prune", description = {"Delete data no backup references; repack packs that are less than half used.",
    "Refused while the catalog records a backup whose manifest the volume lacks."})
final class PruneCommand extends OpenVolumeCommand {

  @Option(names = "--dry-run", description = "Show what would be removed; change nothing.")
  boolean dryRun;

  @Override
  int run(VolumeSession session) {
    PruneReport r = session.coffer().volumeService().prune(session.location(), dryRun, progress());
    if (json()) {
      printJson(r);
      return 0;
    }
    out().println(dryRun ? "prune would (dry run, nothing changed):" : "pruned:");
    new Fields()
        .add("packs deleted", r.packsDeleted())
        .add("packs repacked", r.packsRepacked() + " (" + Bytes.format(r.bytesRepacked()) + " rewritten)")
        .add("blobs removed", r.blobsRemoved())
        .add("space freed", Bytes.format(r.bytesFreed()))
        .add("index files replaced", r.indexFilesReplaced())
        .add("leftovers removed", r.leftoversRemoved())
        .print(out());
    return 0;
  }
}
