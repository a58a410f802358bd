package io.coffer.catalog;

import java.util.regex.Pattern;

/**
 * The rule for the names of agents, nodes and volumes. A name is never all digits, so an
 * interface can take "an id or a name" in one argument and tell them apart.
 */
public final class Names {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final String ACCEPTED =
      "1 to 253 letters, digits, '.', '_' or '-', starting with a letter or digit, not all digits";

  private Names() {}

  /** Returns the name stripped of surrounding blanks, or throws naming {@code field}. */
  public static String require(String field, String name) {
    String stripped = name == null ? "" : name.strip();
    if (!NAME.matcher(stripped).matches() || isId(stripped)) {
      throw new CatalogValidationException(field, (Object) name, ACCEPTED);
    }
    return stripped;
  }

  /** True when a reference is a numeric id rather than a name. */
  public static boolean isId(String reference) {
    return reference != null && DIGITS.matcher(reference).matches() && reference.length() <= 18;
  }
}
