package io.coffer.repo.backend;

import java.util.Objects;

/** Names one file in a volume. CONFIG has the single name "config". */
public record Handle(FileType type, String name) {

  public static final Handle CONFIG = new Handle(FileType.CONFIG, "config");

  public Handle {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
      throw new IllegalArgumentException("invalid file name '" + name + "'");
    }
  }

  /** The path relative to the volume root, e.g. {@code data/ab/ab12…}. */
  public String path() {
    return switch (type) {
      case CONFIG -> "config";
      case PACK -> type.folder() + "/" + name.substring(0, Math.min(2, name.length())) + "/" + name;
      default -> type.folder() + "/" + name;
    };
  }
}
