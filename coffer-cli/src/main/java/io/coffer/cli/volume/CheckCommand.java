package io.coffer.cli.volume;

import io.coffer.cli.ExitCode;
import io.coffer.cli.output.Table;
import io.coffer.repo.CheckReport;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer volume check}: exit code 3 when damage is found, with each damaged file and the backups it affects. */
@Command(name = "check", description = "Verify a volume's structure; with --read-data also decrypt and re-hash every blob. Exit code 3 on damage.")
final class CheckCommand extends OpenVolumeCommand {

  @Option(names = "--read-data", description = "Read every pack, verify its name and every blob's id (reads the whole volume).")
  boolean readData;

  record Result(boolean ok, CheckReport report) {}

  @Override
  int run(VolumeSession session) throws IOException {
    CheckReport r = session.volume().check(readData, progress());
    if (json()) {
      printJson(new Result(r.ok(), r));
    } else {
      print(session, r);
    }
    return r.ok() ? ExitCode.OK : ExitCode.DAMAGE;
  }

  private void print(VolumeSession session, CheckReport r) {
    out().printf(
        "checked %s of volume %s: %d backups, %d packs, %d blobs%n",
        r.readData() ? "structure and data" : "structure",
        session.location(),
        r.backups(),
        r.packs(),
        r.blobs());
    if (!r.unreferencedPacks().isEmpty()) {
      out().printf("%d unreferenced packs (left by interrupted writers; the next prune removes them)%n", r.unreferencedPacks().size());
    }
    if (r.ok()) {
      out().println("no damage found");
      out().flush();
      return;
    }
    out().printf("DAMAGE found in %d %s:%n", r.damages().size(), r.damages().size() == 1 ? "file" : "files");
    Table t = new Table("FILE", "PROBLEM", "AFFECTED BACKUPS");
    for (CheckReport.Damage d : r.damages()) {
      t.row(d.file(), d.problem(), shortIds(d.affectedBackups()));
    }
    t.print(out());
    out().println("restore what is still readable; `coffer volume repair-index` rebuilds damaged indexes from the packs");
    out().flush();
  }

  private static String shortIds(List<String> ids) {
    return ids.isEmpty() ? "none" : ids.stream().map(id -> id.length() > 12 ? id.substring(0, 12) : id).collect(Collectors.joining(", "));
  }
}
