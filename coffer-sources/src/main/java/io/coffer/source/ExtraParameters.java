package io.coffer.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A definition's or one-off's {@code extra_parameters}: more options for the node's dump tool
 * (pg_dump, mariadb-dump), checked against a list of what each engine accepts. Only options that
 * leave the backup restorable and its streams where the driver expects them are accepted: nothing
 * that changes where the dump goes, how it connects, its format or section, its snapshot or
 * transaction, or the lines a stream is split at. Words are separated by spaces; no quoting, since
 * no accepted value needs it (and no shell ever sees them: they are passed as arguments).
 *
 * <p>PostgreSQL: table rows travel by COPY, so the options apply to the pg_dump runs of each
 * database's schema (pre-data, post-data) and large objects. MariaDB: to the mariadb-dump runs of the
 * schema and the triggers (and of the rows, where mariadb-dump writes them; Coffer's own reading of
 * the rows follows --ignore-table and leaves the rows to mariadb-dump for the options that change them).
 */
public final class ExtraParameters {

  private static final Pattern SIZE = Pattern.compile("[1-9][0-9]{0,12}[KMG]?");
  private static final Pattern TABLE = Pattern.compile("[^.\\s/'\"\\\\]+\\.[^.\\s/'\"\\\\]+");

  /** Options without a value, and options with one (the value's pattern and how it is described). */
  private record Accepted(List<String> flags, Map<String, Pattern> valued, Map<String, String> valueWords) {

    String describe() {
      List<String> all = new ArrayList<>(flags);
      valued.keySet().stream().sorted().forEach(o -> all.add(o + "=" + valueWords.get(o)));
      return String.join(", ", all);
    }
  }

  private static final Accepted POSTGRESQL = new Accepted(
      List.of("--no-owner", "--no-privileges", "--no-acl", "--no-comments", "--no-security-labels",
          "--no-tablespaces", "--no-publications", "--no-subscriptions", "--no-table-access-method",
          "--no-toast-compression", "--quote-all-identifiers"),
      Map.of(), Map.of());

  private static final Accepted MARIADB = new Accepted(
      List.of("--skip-triggers", "--skip-routines", "--skip-events", "--no-tablespaces", "--order-by-primary"),
      Map.of("--ignore-table", TABLE, "--max-allowed-packet", SIZE, "--net-buffer-length", SIZE),
      Map.of("--ignore-table", "DATABASE.TABLE", "--max-allowed-packet", "SIZE", "--net-buffer-length", "SIZE"));

  private ExtraParameters() {}

  /**
   * The words of {@code text} for a node of {@code engine} ({@code postgresql}, {@code mariadb},
   * {@code sqlite}, {@code filesystem}); empty for blank text.
   *
   * @throws Refused naming the parameter, why, and what is accepted
   */
  public static List<String> parse(String engine, String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    String id = engine.toLowerCase(Locale.ROOT);
    Accepted accepted = switch (id) {
      case "postgresql" -> POSTGRESQL;
      case "mariadb" -> MARIADB;
      default -> throw new Refused(text.strip(), "a " + id + " node has no dump tool to pass them to",
          "none (leave it empty)");
    };
    List<String> words = List.of(text.strip().split("\\s+"));
    for (String word : words) {
      check(id, word, accepted);
    }
    return words;
  }

  private static void check(String engine, String word, Accepted accepted) {
    if (accepted.flags().contains(word)) {
      return;
    }
    int eq = word.indexOf('=');
    String option = eq < 0 ? word : word.substring(0, eq);
    Pattern value = accepted.valued().get(option);
    if (value != null && eq > 0 && value.matcher(word.substring(eq + 1)).matches()) {
      return;
    }
    String why = word.matches(".*[\"'\\\\].*") ? "quotes and backslashes are not accepted"
        : value != null ? "a " + engine + " node takes it as " + option + "=" + accepted.valueWords().get(option)
        : "the " + engine + " driver does not pass it on: it could change where the dump goes, how it connects or"
            + " what a restore finds";
    throw new Refused(word, why, accepted.describe());
  }

  /** A parameter that is not accepted: the word, why, and what is accepted instead. */
  public static final class Refused extends IllegalArgumentException {

    private final String word;
    private final String reason;
    private final String accepted;

    Refused(String word, String reason, String accepted) {
      super("extra-parameters \"" + word + "\" is not valid (" + reason + "); accepted: " + accepted);
      this.word = word;
      this.reason = reason;
      this.accepted = accepted;
    }

    public String word() {
      return word;
    }

    public String reason() {
      return reason;
    }

    public String accepted() {
      return accepted;
    }
  }
}
