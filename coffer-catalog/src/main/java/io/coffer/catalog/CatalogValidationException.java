package io.coffer.catalog;

/**
 * Bad input, refused before anything changed. The message is one line that names the field, the
 * value and what is accepted; {@link #field()} and {@link #value()} let an interface point at the
 * offending argument (exit code 2, or a 4xx with {@code {"error": ..., "field": ...}}).
 */
public class CatalogValidationException extends CatalogException {

  /** Stands in for a value that must not be repeated. */
  public static final String HIDDEN = "(value hidden)";

  private final String field;
  private final String value;

  /** For a malformed value: {@code <field> "<value>" is not valid; accepted: <accepted>}. */
  public CatalogValidationException(String field, Object value, String accepted) {
    this(field, String.valueOf(value), worded(field + " " + quote(value) + " is not valid; accepted: " + accepted));
  }

  /** Like the above, with the reason this value failed, e.g. what the parser complained about. */
  public CatalogValidationException(String field, Object value, String reason, String accepted) {
    this(field, String.valueOf(value),
        worded(field + " " + quote(value) + " is not valid (" + reason + "); accepted: " + accepted));
  }

  /**
   * For a field whose value may be a secret (someone typed a password where a reference belongs):
   * the message names the field but never repeats the value.
   */
  public static CatalogValidationException hidingValue(String field, String accepted) {
    return new CatalogValidationException(
        field, HIDDEN, worded(field + " " + HIDDEN + " is not valid; accepted: " + accepted));
  }

  /** A message worded in full by the caller; it must still name field and value. */
  protected record Worded(String text) {}

  protected static Worded worded(String text) {
    return new Worded(text);
  }

  /** For subclasses that word the message themselves. */
  protected CatalogValidationException(String field, String value, Worded message) {
    super(message.text());
    this.field = field;
    this.value = value;
  }

  /** The name of the offending field, as the interfaces call it (e.g. {@code expire}). */
  public String field() {
    return field;
  }

  /**
   * The field as the API's JSON names it. The same as {@link #field()} but for refusals worded for
   * several interfaces ({@code target-dir} on the command line is {@code targetDirectory} there).
   */
  public String apiField() {
    return field;
  }

  /** The message in the API's names of the fields; see {@link #apiField()}. */
  public String apiMessage() {
    return getMessage();
  }

  /** The offending value as given, or a placeholder when the value may be a secret. */
  public String value() {
    return value;
  }

  /**
   * The same refusal reported under another field name, for a value checked by a general rule
   * but given under a specific name (a retention period given as the setting {@code
   * retention_period}).
   */
  public CatalogValidationException renamed(String newField) {
    String message = getMessage();
    String rest = message.startsWith(field) ? message.substring(field.length()) : ": " + message;
    return new CatalogValidationException(newField, value, worded(newField + rest));
  }

  /** The same refusal with where the value came from, e.g. {@code  (COFFER_AGENT_HEARTBEAT)}. */
  public CatalogValidationException from(String where) {
    return new CatalogValidationException(field, value, worded(getMessage() + where));
  }

  /**
   * The same refusal said of a stored row, e.g. {@code definition 3 in the catalog: retention "7
   * fortnights" is not valid …}: a value an older version wrote, found when the row is read.
   */
  public CatalogValidationException stored(String row) {
    return new CatalogValidationException(field, value, worded(row + " in the catalog: " + getMessage()
        + "; fix it with an update"));
  }

  static String quote(Object value) {
    return "\"" + value + "\"";
  }
}
