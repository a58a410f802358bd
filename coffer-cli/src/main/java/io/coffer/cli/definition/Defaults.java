package io.coffer.cli.definition;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.volume.RegisteredVolume;
import io.coffer.engine.Coffer;
import java.util.List;

/** The volume used when none is named: the configured default, else the only registered one. */
public final class Defaults {

  private Defaults() {}

  public static String volume(Coffer coffer) {
    if (coffer.config().defaultVolume().isPresent()) {
      return coffer.config().defaultVolume().get();
    }
    List<RegisteredVolume> volumes = coffer.volumes().list();
    if (volumes.size() == 1) {
      return volumes.get(0).name();
    }
    throw new CatalogValidationException("volume", null, volumes.isEmpty()
        ? "a registered volume; none is registered yet (coffer volume add NAME LOCATION)"
        : "one of " + String.join(", ", volumes.stream().map(RegisteredVolume::name).toList()));
  }
}
