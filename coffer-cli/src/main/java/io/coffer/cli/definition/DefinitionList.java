package io.coffer.cli.definition;

import io.coffer.catalog.definition.DefinitionFilter;
import io.coffer.catalog.definition.DefinitionStatus;
import io.coffer.cli.session.AnywhereCommand;
import io.coffer.cli.session.Operations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer definition list}. */
@Command(name = "list", description = "List definitions.")
final class DefinitionList extends AnywhereCommand {

  @Option(names = "--node", paramLabel = "NODE",
      description = "Only definitions of this node (id or name).")
  String node;

  @Option(names = "--agent", paramLabel = "AGENT",
      description = "Only definitions this agent runs.")
  String agent;

  @Option(names = "--volume", paramLabel = "VOLUME",
      description = "Only definitions that back up into this volume.")
  String volume;

  @Option(names = "--status", paramLabel = "ACTIVE|STOPPED|DELETED", description = "Effective status: STOPPED includes paused.")
  String status;

  @Override
  protected int run(Operations operations) {
    DefinitionFilter filter = new DefinitionFilter(node, agent, volume,
        status == null ? null : DefinitionStatus.parse(status));
    print(DefinitionDetails.rows(operations.definitions(filter)), "No definitions.");
    return 0;
  }
}
