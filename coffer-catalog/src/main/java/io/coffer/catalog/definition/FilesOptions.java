package io.coffer.catalog.definition;

import io.coffer.catalog.CatalogValidationException;
import java.util.Locale;

/**
 * How the backups of a {@code FILES} definition copy the node's data directory; an empty value takes
 * the node's setting of the same name. The catalog checks the form; the engine checks the quiesce
 * method and its settings (they belong to the sources) before they are stored.
 *
 * @param quiesce the quiesce method and its {@code KEY=VALUE} settings in one line, or empty
 * @param onChange {@code warn} or {@code fail} for a file that changed while it was read, or empty
 * @param forceUnquiesced accept quiesce {@code none} for a database's files
 */
public record FilesOptions(String quiesce, String onChange, boolean forceUnquiesced) {

  /** Everything as the node says. */
  public static final FilesOptions OF_NODE = new FilesOptions("", "", false);

  public FilesOptions {
    quiesce = quiesce == null ? "" : quiesce.strip();
    onChange = onChange == null ? "" : onChange.strip().toLowerCase(Locale.ROOT);
    if (quiesce.chars().anyMatch(Character::isISOControl)) {
      throw new CatalogValidationException("quiesce", quiesce, "one line: a quiesce method and its KEY=VALUE settings");
    }
    if (!onChange.isEmpty() && !onChange.equals("warn") && !onChange.equals("fail")) {
      throw new CatalogValidationException("on-change", onChange, "warn or fail");
    }
  }

  public FilesOptions withQuiesce(String value) {
    return new FilesOptions(value, onChange, forceUnquiesced);
  }

  public FilesOptions withOnChange(String value) {
    return new FilesOptions(quiesce, value, forceUnquiesced);
  }

  public FilesOptions withForceUnquiesced(boolean value) {
    return new FilesOptions(quiesce, onChange, value);
  }

  @Override
  public String toString() {
    return "quiesce \"" + quiesce + "\" on-change " + (onChange.isEmpty() ? "(node's)" : onChange)
        + (forceUnquiesced ? " force-unquiesced" : "");
  }
}
