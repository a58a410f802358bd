package io.coffer.source;

import java.nio.file.Path;
import java.util.List;

/**
 * A data directory a {@code PHYSICAL} restore made, and how to start a server on it.
 *
 * @param dataDirectory the restored data directory
 * @param start the command that starts a server on it, for the user to adapt (port, configuration)
 * @param notes what the user must know before starting it (configuration that lived outside the data
 *     directory, the recovery it will run)
 */
public record PhysicalRestored(Path dataDirectory, String start, List<String> notes) {

  public PhysicalRestored {
    notes = List.copyOf(notes);
  }
}
