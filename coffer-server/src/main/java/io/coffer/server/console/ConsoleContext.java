package io.coffer.server.console;

import io.coffer.engine.access.Principal;
import io.javalin.http.Context;

/** What the guard leaves on a console request: who it is, and the session's CSRF token for its forms. */
public final class ConsoleContext {

  /** The attribute holding the session's CSRF token (absent for a request with a token instead of a session). */
  public static final String CSRF = io.coffer.server.auth.Authenticator.CSRF;

  private ConsoleContext() {}

  static Principal principal(Context ctx) {
    return ctx.attribute(Principal.class.getName());
  }

  static String csrf(Context ctx) {
    return ctx.attribute(CSRF);
  }
}
