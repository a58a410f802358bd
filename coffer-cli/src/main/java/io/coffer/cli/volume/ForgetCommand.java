package io.coffer.cli.volume;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer volume forget}: removes backups' manifests; their data goes at the next prune. */
@Command(name = "forget", description = {"Remove backups from a volume; run prune afterwards to free their space.",
    "Refused for backups the catalog records: delete those with coffer backup delete ID."})
final class ForgetCommand extends OpenVolumeCommand {

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "ID", description = "Backup ids or unique prefixes (4+ hex digits).")
  List<String> ids = new ArrayList<>();

  @Option(names = "--dry-run", description = "Show which backups would be removed; remove nothing.")
  boolean dryRun;

  record Result(boolean dryRun, List<String> removed) {}

  @Override
  int run(VolumeSession session) {
    List<String> removed = session.coffer().volumeService().forget(session.location(), ids, dryRun);
    if (json()) {
      printJson(new Result(dryRun, removed));
      return 0;
    }
    for (String id : removed) {
      out().println((dryRun ? "would remove backup " : "removed backup ") + id);
    }
    if (!dryRun) {
      out().println("run `coffer volume prune " + location.location() + "` to free the space they used");
    }
    out().flush();
    return 0;
  }
}
