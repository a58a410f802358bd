package io.coffer.cli.definition;

import io.coffer.catalog.backup.ForgottenBackup;
import io.coffer.cli.ExitCode;
import io.coffer.engine.backup.BackupService;
import java.io.PrintWriter;

/** Says exactly what a removal did (DESIGN rule 5), and exit code 3 when a volume could not follow. */
public final class Removals {

  private Removals() {}

  public static int report(PrintWriter out, PrintWriter err, String what, BackupService.Deletion deletion) {
    out.println("[Done] " + what + " removed; " + deletion.removal().backups().size() + " backups left the catalog, "
        + deletion.forgotten().size() + " manifests forgotten in their volumes, "
        + deletion.removal().restoreDefinitions().size() + " restore definitions removed.");
    for (ForgottenBackup backup : deletion.removal().backups()) {
      out.println("  backup " + backup.id() + " (" + backup.status() + ")"
          + (backup.manifestId() == null ? "" : " manifest " + backup.manifestId().substring(0, 12) + " in volume "
          + backup.volume()));
    }
    if (!deletion.forgotten().isEmpty()) {
      out.println("Their data is freed by: coffer volume prune VOLUME");
    }
    deletion.failures().forEach(failure -> err.println("coffer: " + failure));
    out.flush();
    err.flush();
    return deletion.failures().isEmpty() ? ExitCode.OK : ExitCode.DAMAGE;
  }
}
