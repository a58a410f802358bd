package io.coffer.cli.registration;

import io.coffer.catalog.volume.RegisteredVolume;
import io.coffer.cli.session.Details;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.cli.session.Text;
import io.coffer.engine.Coffer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer volume add NAME LOCATION}: registers a volume made by {@code volume init}. */
@Command(name = "add", description = "Register a volume made by 'volume init' under a name.")
public final class VolumeAdd extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Name for the volume.")
  String name;

  @Parameters(index = "1", arity = "0..1", paramLabel = "LOCATION", description = "A directory or s3://bucket/prefix.")
  String location;

  @Option(names = "--remarks", paramLabel = "TEXT",
      description = "A free-text note shown by volume show.")
  String remarks;

  @Override
  protected List<Question> questions() {
    return List.of(
        Question.required("Volume name", "#0", () -> name, v -> name = v),
        Question.required("Location", "#1", () -> location, v -> location = v),
        Question.optional("Remarks", "--remarks", () -> remarks, v -> remarks = v, ""));
  }

  @Override
  protected int run(Coffer coffer) {
    RegisteredVolume added = coffer.volumes().add(name, location, remarks);
    if (machineReadable()) {
      print(details(added));
    } else {
      say("[Done] volume " + added.name() + " registered at " + added.location() + " (id " + added.id() + ").");
    }
    return 0;
  }

  static Details details(RegisteredVolume volume) {
    return new Details().add("Id", volume.id()).add("Name", volume.name()).add("Location", volume.location())
        .add("Remarks", volume.remarks()).add("Registered", Text.time(volume.createdAt()));
  }
}
