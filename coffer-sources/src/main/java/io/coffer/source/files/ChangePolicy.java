package io.coffer.source.files;

/**
 * What a file that changed while it was read does to the backup: {@code WARN} keeps the backup and
 * names the file in its log; {@code FAIL} makes it FAILED. Unreadable files always fail the backup
 * (a copy without them is not the directory), and vanished files only warn (deleted on purpose).
 */
public enum ChangePolicy {
  WARN,
  FAIL;

  /** The policy named {@code text} (any case), or a refusal naming what is accepted. */
  public static ChangePolicy parse(String text) {
    for (ChangePolicy p : values()) {
      if (p.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return p;
      }
    }
    throw new IllegalArgumentException("on-change '" + text + "' is not accepted: warn or fail");
  }
}
