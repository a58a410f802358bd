package io.coffer.cli.oneoff;

import io.coffer.cli.session.EngineCommand;
import io.coffer.engine.Coffer;
import picocli.CommandLine.Command;

/** {@code coffer oneoff list}. */
@Command(name = "list", description = "List one-offs.")
final class OneoffList extends EngineCommand {

  @Override
  protected int run(Coffer coffer) {
    print(OneoffDetails.rows(coffer.definitions().oneoffs()), "No one-offs.");
    return 0;
  }
}
