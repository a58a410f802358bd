package io.coffer.catalog.volume;

import io.coffer.catalog.Names;

/** A volume to register. Validated when built. */
public record NewVolume(String name, String location, String remarks) {

  public NewVolume {
    name = Names.require("volume", name);
    location = VolumeLocation.require(location);
    remarks = remarks == null ? "" : remarks.strip();
  }
}
