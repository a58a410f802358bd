package io.coffer.server.console;

import io.coffer.catalog.access.Role;
import io.coffer.engine.access.Principal;
import io.coffer.server.auth.Sessions;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes the console's HTML: every value through {@link #text} (escaped, so nothing a user stored
 * in the catalog can become markup), and the page frame with its navigation, which offers only
 * what the user's role may do.
 */
final class Html {

  private Html() {}

  static String text(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A whole page: title, navigation for this principal, the body. */
  static String page(String title, Principal principal, String csrf, String body) {
    StringBuilder nav = new StringBuilder();
    if (principal != null) {
      nav.append("<nav><a href=\"/console/\">Overview</a> <a href=\"/console/backups\">Backups</a>")
          .append(" <a href=\"/console/definitions\">Definitions</a> <a href=\"/console/nodes\">Nodes</a>");
      if (principal.may(Role.OPERATOR)) {
        nav.append(" <a href=\"/console/restore\" id=\"restore-link\">Restore</a>");
      }
      nav.append("<span class=\"who\">").append(text(principal.user())).append(" (").append(text(principal.role()))
          .append(") <form method=\"post\" action=\"/console/logout\" class=\"inline\">").append(csrfField(csrf))
          .append("<button type=\"submit\">Log out</button></form></span></nav>");
    }
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + text(title)
        + " · Coffer</title><link rel=\"stylesheet\" href=\"/console/static/console.css\">"
        + "<script src=\"/console/static/console.js\" defer></script></head><body>" + nav + "<main><h1>"
        + text(title) + "</h1>" + body + "</main></body></html>";
  }

  static String csrfField(String csrf) {
    return csrf == null ? "" : "<input type=\"hidden\" name=\"" + Sessions.CSRF_FIELD + "\" value=\""
        + text(csrf) + "\">";
  }

  /** "3 h ago", "2 d ago": how long ago, in the largest whole unit. */
  static String age(Instant then, Instant now) {
    if (then == null) {
      return "never";
    }
    Duration d = Duration.between(then, now);
    if (d.toDays() >= 1) {
      return d.toDays() + " d ago";
    }
    if (d.toHours() >= 1) {
      return d.toHours() + " h ago";
    }
    return Math.max(0, d.toMinutes()) + " min ago";
  }

  static String bytes(Long bytes) {
    if (bytes == null) {
      return "";
    }
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
