package io.coffer.source;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The name of one restore or verification run, part of every database or file name the run
 * creates for itself (staging and scratch databases). Two runs never share one, so a run can drop
 * what it created without ever reaching what another run, another catalog or a person created
 * under a similar name. Callers that know their catalog use {@link #of}: the catalog's identity,
 * then random letters and digits; the default is random alone. Lower-case letters, digits and
 * {@code _} only, so a name needs no quoting on any engine.
 */
public final class RunName {

  private static final Pattern VALID = Pattern.compile("[a-z0-9_]{1,24}");
  private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunName() {}

  /** Eight random letters and digits: 2.8 × 10^12 names. */
  public static String random() {
    return random(8);
  }

  /**
   * A run of the catalog whose identity is {@code catalog}: {@code <catalog>_<six random letters
   * and digits>}, so that runs of two catalogs on one server never share a name, and runs of one
   * catalog share one with a chance of one in 2 × 10^9.
   */
  public static String of(String catalog) {
    String name = catalog + "_" + random(6);
    require(name);
    return name;
  }

  private static String random(int length) {
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < length; i++) {
      name.append(DIGITS.charAt(RANDOM.nextInt(DIGITS.length())));
    }
    return name.toString();
  }

  static void require(String name) {
    if (!VALID.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "run name \"" + name + "\" is not valid; accepted: 1 to 24 lower-case letters, digits and _");
    }
  }
}
