package io.coffer.cli.report;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.backup.BackupTotals;
import io.coffer.catalog.backup.StatsScope;
import io.coffer.cli.output.Bytes;
import io.coffer.cli.session.Details;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Text;
import io.coffer.engine.Coffer;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer stats [--node N | --agent A]}: PgBackMan's statistics. */
@Command(name = "stats", description = "Statistics of backups: counts by status and kind, sizes, dedup, times.")
public final class StatsCommand extends EngineCommand {

  @Option(names = "--node", paramLabel = "NODE",
      description = "Only backups of this node (id or name).")
  String node;

  @Option(names = "--agent", paramLabel = "AGENT",
      description = "Only backups this agent took.")
  String agent;

  @Override
  protected int run(Coffer coffer) {
    if (node != null && agent != null) {
      throw new CatalogValidationException("agent", agent, "either --node or --agent, not both");
    }
    StatsScope scope = node != null ? StatsScope.node(node) : agent != null ? StatsScope.agent(agent) : StatsScope.global();
    BackupTotals s = coffer.backups().stats(scope);
    print(new Details()
        .add("Scope", s.scope())
        .add("Backups", s.backups())
        .add("By status", s.byStatus().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", ")))
        .add("By kind", s.byKind().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", ")))
        .add("Bytes read", Bytes.format(s.bytesRead()))
        .add("Bytes new", Bytes.format(s.bytesNew()))
        .add("Bytes stored", Bytes.format(s.bytesStored()))
        .add("Dedup ratio", String.format(Locale.ROOT, "%.1fx", s.dedupRatio()))
        .add("Reduction (dedup and compression)", String.format(Locale.ROOT, "%.1fx", s.reductionRatio()))
        .add("Oldest backup", Text.time(s.oldest()))
        .add("Newest backup", Text.time(s.newest()))
        .add("Total duration", Text.duration(s.totalDuration()))
        .add("Average duration", Text.duration(s.averageDuration())));
    return 0;
  }
}
