package io.coffer.engine.volume;

import io.coffer.catalog.volume.RegisteredVolume;

/** A registered volume as the engine needs it: its name and where it is. */
public record VolumeInfo(long id, String name, String location) {

  public static VolumeInfo of(RegisteredVolume volume) {
    return new VolumeInfo(volume.id(), volume.name(), volume.location());
  }
}
