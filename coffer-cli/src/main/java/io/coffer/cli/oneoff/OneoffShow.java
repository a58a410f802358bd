package io.coffer.cli.oneoff;

import io.coffer.cli.definition.Ids;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code coffer oneoff show ID}. */
@Command(name = "show", description = "Show a one-off.")
final class OneoffShow extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID",
      description = "Id of the one-off.")
  String id;

  @Override
  protected List<Question> questions() {
    return List.of(Question.required("One-off id", "#0", () -> id, v -> id = v));
  }

  @Override
  protected int run(Coffer coffer) {
    print(OneoffDetails.of(coffer.definitions().oneoff(Ids.parse("one-off", id))));
    return 0;
  }
}
