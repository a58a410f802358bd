package io.coffer.cli.registration;

import io.coffer.catalog.volume.RegisteredVolume;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Rows;
import io.coffer.engine.Coffer;
import picocli.CommandLine.Command;

/** {@code coffer volume list}. */
@Command(name = "list", description = "List the registered volumes.")
public final class VolumeList extends EngineCommand {

  @Override
  protected int run(Coffer coffer) {
    Rows rows = new Rows("ID", "NAME", "LOCATION", "REMARKS").alignRight(0);
    for (RegisteredVolume v : coffer.volumes().list()) {
      rows.add(v.id(), v.name(), v.location(), v.remarks());
    }
    print(rows, "No volumes registered.");
    return 0;
  }
}
