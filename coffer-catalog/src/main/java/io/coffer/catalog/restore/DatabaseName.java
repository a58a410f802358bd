package io.coffer.catalog.restore;

import java.util.regex.Pattern;

/** Checks the name of a database a restore creates or renames. */
final class DatabaseName {

  private static final Pattern NAME = Pattern.compile("[^,\\s\\p{Cntrl}][^,\\p{Cntrl}]{0,62}");

  private DatabaseName() {}

  static String require(RestoreOption option, String name) {
    String stripped = name == null ? "" : name.strip();
    if (!NAME.matcher(stripped).matches()) {
      throw new RestoreRefusal(option, name, "a database name of 1 to 63 characters without commas");
    }
    return stripped;
  }
}
