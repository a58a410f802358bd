package io.coffer.cli.volume;

import io.coffer.cli.ExitCode;
import io.coffer.cli.output.Fields;
import io.coffer.repo.RepairReport;
import java.io.IOException;
import picocli.CommandLine.Command;

/**
 * {@code coffer volume repair-index}: rebuilds every index file from the pack headers. Exit code 3 when
 * some packs could not be read: the index is whole again, but the data in those packs is lost.
 */
@Command(name = "repair-index", description = "Rebuild the index files from the packs. Exit code 3 when damaged packs were found.")
final class RepairIndexCommand extends OpenVolumeCommand {

  @Override
  int run(VolumeSession session) throws IOException {
    RepairReport r = session.volume().repairIndex(progress());
    if (json()) {
      printJson(r);
    } else {
      out().println("rebuilt the index of volume " + session.location() + ":");
      new Fields()
          .add("packs read", r.packsRead())
          .add("blobs indexed", r.blobs())
          .add("index files written", r.indexFilesWritten())
          .add("index files removed", r.indexFilesRemoved())
          .add("damaged packs", r.damagedPacks().isEmpty() ? "none" : String.join(", ", r.damagedPacks()))
          .print(out());
      if (!r.damagedPacks().isEmpty()) {
        out().println("the damaged packs were left in place; run `coffer volume check` to see which backups they affect");
        out().flush();
      }
    }
    return r.damagedPacks().isEmpty() ? ExitCode.OK : ExitCode.DAMAGE;
  }
}
