package io.coffer.cli.oneoff;

import io.coffer.cli.definition.Ids;
import io.coffer.cli.definition.Removals;
import io.coffer.cli.session.DestructiveCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer oneoff remove ID [--force]}. */
@Command(name = "remove", description = "Remove a one-off; one with backups needs --force, which forgets them.")
final class OneoffRemove extends DestructiveCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID",
      description = "Id of the one-off.")
  String id;

  @Option(names = "--force", description = "Remove it with its backups, forgetting them in the volume.")
  boolean force;


  @Override
  protected List<Question> questions() {
    return List.of(Question.required("One-off id", "#0", () -> id, v -> id = v));
  }

  @Override
  protected String action() {
    return "remove one-off " + id + (force ? " and forget its backups" : "") + "";
  }

  @Override
  protected int run(Coffer coffer) {
    return Removals.report(out(), err(), "one-off " + id, coffer.definitions().removeOneoff(Ids.parse("one-off", id), force));
  }
}
