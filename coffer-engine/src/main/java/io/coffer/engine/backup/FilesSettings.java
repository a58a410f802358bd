package io.coffer.engine.backup;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.source.files.ChangePolicy;
import io.coffer.source.quiesce.InvalidQuiesceOption;
import io.coffer.source.quiesce.QuiesceSpec;

/**
 * How a {@code FILES} backup copies a data directory: the quiesce method with its settings, what a
 * file that changed while it was read does, and whether {@code none} is accepted for a database.
 * Resolved when the backup is planned: the order's values, else the definition's, else the node's.
 *
 * @param quiesce the method and its settings
 * @param onChange warn or fail on a file that changed while it was read
 * @param forceUnquiesced copy a database's files with {@code none} (the copy may not open)
 */
public record FilesSettings(QuiesceSpec quiesce, ChangePolicy onChange, boolean forceUnquiesced) {

  /** The quiesce line parsed, or a refusal naming the field {@code quiesce} (or {@code quiesce.KEY}). */
  public static QuiesceSpec quiesce(String line) {
    try {
      return QuiesceSpec.parse(line);
    } catch (InvalidQuiesceOption e) {
      throw new CatalogValidationException(e.field(), e.value(), e.accepted());
    }
  }

  /** {@code warn} or {@code fail}, or a refusal naming the field {@code on-change}. */
  public static ChangePolicy onChange(String text) {
    try {
      return ChangePolicy.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CatalogValidationException("on-change", text, "warn or fail");
    }
  }
}
