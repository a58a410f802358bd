package io.coffer.source.quiesce;

/** A quiesce setting that is missing or wrong; names the setting, the value and what is accepted. */
public final class InvalidQuiesceOption extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;
  private final String key;
  private final String value;
  private final String accepted;

  public InvalidQuiesceOption(String key, String value, String accepted) {
    super("quiesce option " + key + (value == null ? " is missing" : " '" + value + "' is not accepted") + ": "
        + accepted);
    this.key = key;
    this.value = value;
    this.accepted = accepted;
  }

  /** The field as the CLI and API name it: {@code quiesce.<key>} or {@code quiesce}. */
  public String field() {
    return key.equals("method") ? "quiesce" : "quiesce." + key;
  }

  public String value() {
    return value;
  }

  public String accepted() {
    return accepted;
  }
}
