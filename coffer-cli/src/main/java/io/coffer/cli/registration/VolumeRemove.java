package io.coffer.cli.registration;

import io.coffer.cli.session.DestructiveCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code coffer volume remove NAME}: the registration only; the volume stays where it is. */
@Command(name = "remove", description = "Remove a volume's registration (the volume itself is left as it is).")
public final class VolumeRemove extends DestructiveCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Id or name of the volume.")
  String name;


  @Override
  protected List<Question> questions() {
    return List.of(Question.required("Volume id / name", "#0", () -> name, v -> name = v));
  }

  @Override
  protected String action() {
    return "remove the registration of volume " + name + "";
  }

  @Override
  protected int run(Coffer coffer) {
    coffer.volumes().remove(name);
    say("[Done] volume " + name + " is no longer registered; its files are untouched.");
    return 0;
  }
}
