package io.coffer.cli.definition;

import io.coffer.cli.session.AnywhereCommand;
import io.coffer.cli.session.Operations;
import io.coffer.cli.session.Question;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code coffer definition show ID}. */
@Command(name = "show", description = "Show a definition.")
final class DefinitionShow extends AnywhereCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Id of the definition.")
  String id;

  @Override
  protected List<Question> questions() {
    return List.of(Question.required("Definition id", "#0", () -> id, v -> id = v));
  }

  @Override
  protected int run(Operations operations) {
    print(DefinitionDetails.of(operations.definition(Ids.parse("definition", id))));
    return 0;
  }
}
