package io.coffer.cli.volume;

import io.coffer.cli.output.Table;
import io.coffer.cli.output.Times;
import io.coffer.repo.lock.LockInfo;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coffer volume unlock}: lists the locks of a volume; with {@code --remove-stale} removes the
 * stale ones (older than 30 minutes, or of a process on this host that is gone). Live locks are never
 * removed: their holder is still working.
 */
@Command(name = "unlock", description = "List the locks of a volume; remove stale ones with --remove-stale.")
final class UnlockCommand extends OpenVolumeCommand {

  @Option(names = "--remove-stale", description = "Remove locks whose holder is gone or that are older than 30 minutes.")
  boolean removeStale;

  record Result(List<LockInfo> removed, List<LockInfo> locks) {}

  @Override
  int run(VolumeSession session) throws IOException {
    List<LockInfo> removed = removeStale ? session.volume().locks().removeStale() : List.of();
    List<LockInfo> locks = session.volume().locks().list();
    if (json()) {
      printJson(new Result(removed, locks));
      return 0;
    }
    for (LockInfo l : removed) {
      out().println("removed stale " + l.describe());
    }
    if (locks.isEmpty()) {
      out().println("no locks on volume " + session.location());
    } else {
      Table t = new Table("LOCK", "KIND", "USER@HOST", "PID", "SINCE", "STALE").alignRight(3);
      for (LockInfo l : locks) {
        t.row(l.name().substring(0, 12), l.exclusive() ? "exclusive" : "shared", l.user() + "@" + l.host(), l.pid(), Times.format(l.time()), l.stale() ? "yes" : "");
      }
      t.print(out());
    }
    out().flush();
    return 0;
  }
}
