package io.coffer.catalog.restore;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.restore.RestoreOption.Naming;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A restore's option refused, worded once and read in the names of the interface it reaches: its
 * message and field are the command line's ({@code target-dir "x" is not valid (it is not empty);
 * accepted: …, or --force …}), and {@link #apiField()} and {@link #apiMessage()} the API's
 * ({@code targetDirectory "x" …, or "force": true …}). The text holds each option as its
 * placeholder ({@link RestoreOption#toString()}) until it is read.
 */
public class RestoreRefusal extends CatalogValidationException {

  private static final long serialVersionUID = 1L;
  /** Stands for the refused option's own name at the head of the text. */
  private static final String FIELD = "{FIELD}";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Z_]+)\\}");

  private final RestoreOption option;
  private final String text;

  /** For a malformed value: {@code <field> "<value>" is not valid; accepted: <accepted>}. */
  public RestoreRefusal(RestoreOption option, Object value, String accepted) {
    this(option, String.valueOf(value), worded(FIELD + " \"" + value + "\" is not valid; accepted: " + accepted));
  }

  /** Like the above, with the reason this value failed. */
  public RestoreRefusal(RestoreOption option, Object value, String reason, String accepted) {
    this(option, String.valueOf(value), worded(FIELD + " \"" + value + "\" is not valid (" + reason + "); accepted: "
        + accepted));
  }

  /** A refusal worded in full by the caller (its text may hold placeholders); it must name the value. */
  protected RestoreRefusal(RestoreOption option, String value, Worded text) {
    super(option.field(Naming.COMMAND_LINE), value, worded(render(text.text(), option, Naming.COMMAND_LINE)));
    this.option = option;
    this.text = text.text();
  }

  public RestoreOption option() {
    return option;
  }

  @Override
  public String apiField() {
    return option.field(Naming.API);
  }

  @Override
  public String apiMessage() {
    return render(text, option, Naming.API);
  }

  /** The same refusal of the value given under another option (a tablespace's directory checked as a target's). */
  public RestoreRefusal renamed(RestoreOption other) {
    return new RestoreRefusal(other, value(), worded(text.startsWith(FIELD) ? text : FIELD + ": " + text));
  }

  private static String render(String text, RestoreOption option, Naming naming) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String words = m.group().equals(FIELD) ? option.field(naming) : mention(m.group(1), naming, m.group());
      m.appendReplacement(out, Matcher.quoteReplacement(words));
    }
    return m.appendTail(out).toString();
  }

  /** An option's mention; {@code asIs} for braces that name none (a directory may be called {@code {X}}). */
  private static String mention(String name, Naming naming, String asIs) {
    for (RestoreOption o : RestoreOption.values()) {
      if (o.name().equals(name)) {
        return o.mention(naming);
      }
    }
    return asIs;
  }
}
