package io.coffer.cli.report;

import io.coffer.catalog.history.HistoryEntry;
import io.coffer.cli.oneoff.Times;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Rows;
import io.coffer.cli.session.Text;
import io.coffer.engine.Coffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer history}: every state-changing command, who, when, what and its result. */
@Command(name = "history", description = "Every change made to the catalog: who, when, what, and the result.")
public final class HistoryCommand extends EngineCommand {

  @Option(names = "--since", paramLabel = "TIME",
      description = "Only entries at or after: 2026-11-01, 2026-11-01T02:00 or an instant.")
  String since;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
      description = "At most N entries, newest first (default ${DEFAULT-VALUE}).")
  int limit;

  @Override
  protected int run(Coffer coffer) {
    Rows rows = new Rows("AT", "WHO", "ACTION", "SUBJECT", "DETAIL", "RESULT");
    for (HistoryEntry e : coffer.history().list(since == null ? null : Times.parse("since", since), limit)) {
      rows.add(Text.time(e.at()), e.actor(), e.action(), e.subject(), e.detail(), e.result());
    }
    print(rows, "No history yet.");
    return 0;
  }
}
