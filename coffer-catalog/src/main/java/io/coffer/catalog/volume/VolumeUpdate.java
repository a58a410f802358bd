package io.coffer.catalog.volume;

import java.util.Optional;

/** The changes to make to a volume (after it moved, say); what is left unset stays as it is. */
public final class VolumeUpdate {

  private String location;
  private String remarks;

  public VolumeUpdate location(String value) {
    this.location = VolumeLocation.require(value);
    return this;
  }

  public VolumeUpdate remarks(String value) {
    this.remarks = value == null ? "" : value.strip();
    return this;
  }

  Optional<String> location() {
    return Optional.ofNullable(location);
  }

  Optional<String> remarks() {
    return Optional.ofNullable(remarks);
  }

  @Override
  public String toString() {
    return (location == null ? "" : "location " + location + " ") + (remarks == null ? "" : "remarks \"" + remarks + "\"");
  }
}
