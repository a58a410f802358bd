package io.coffer.cli.registration;

import io.coffer.catalog.volume.RegisteredVolume;
import io.coffer.cli.output.Bytes;
import io.coffer.cli.session.Details;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import io.coffer.repo.VolumeStats;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer volume show NAME [--stats]}. */
@Command(name = "show", description = "Show a registered volume; --stats also reads its size (needs its passphrase).")
public final class VolumeShow extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Id or name of the volume.")
  String name;

  @Option(names = "--stats", description = "Open the volume and show what it stores.")
  boolean stats;

  @Override
  protected List<Question> questions() {
    return List.of(Question.required("Volume id / name", "#0", () -> name, v -> name = v));
  }

  @Override
  protected int run(Coffer coffer) {
    RegisteredVolume volume = coffer.volumes().show(name);
    Details details = VolumeAdd.details(volume);
    long definitions = coffer.definitions().list(
        io.coffer.catalog.definition.DefinitionFilter.all().volume(volume.name())).size();
    details.add("Definitions", definitions);
    if (stats) {
      VolumeStats s = coffer.volumes().stats(volume);
      details.add("Backups in the volume", s.backups())
          .add("Logical bytes", Bytes.format(s.logicalBytes()))
          .add("Stored bytes", Bytes.format(s.storedBytes()))
          .add("Dedup ratio", String.format(Locale.ROOT, "%.1fx", s.dedupRatio()))
          .add("Packs", s.packs());
    }
    print(details);
    return 0;
  }
}
