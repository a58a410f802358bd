package io.coffer.repo.backend;

import java.util.regex.Pattern;

/** Shows a location typed by a user in an error message without any credentials written in it. */
final class LocationText {

  // scheme://user:secret@host… — the part before '@' in the authority.
  private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@");

  private LocationText() {}

  static String redacted(String location) {
    return USER_INFO.matcher(location).replaceFirst("$1***@");
  }

  static boolean hasUserInfo(String location) {
    return USER_INFO.matcher(location).find();
  }
}
