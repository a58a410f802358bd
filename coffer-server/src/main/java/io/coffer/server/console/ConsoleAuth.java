package io.coffer.server.console;

import io.coffer.engine.Coffer;
import io.coffer.server.auth.Sessions;
import io.coffer.engine.access.Principal;
import io.coffer.server.auth.Backoff;
import io.coffer.server.http.ApiException;
import io.coffer.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.Optional;

/**
 * Logging in and out of the console. A login takes a user and password, or an API token; it opens a
 * session whose cookie scripts cannot read (HttpOnly), that no other site's page sends (SameSite
 * Strict) and that travels over TLS only when the server has TLS. Failed logins count towards the
 * same per-client backoff as the API's.
 */
public final class ConsoleAuth {

  private final Coffer coffer;
  private final Sessions sessions;
  private final Backoff backoff;
  private final boolean tls;

  public ConsoleAuth(Coffer coffer, Sessions sessions, Backoff backoff, boolean tls) {
    this.coffer = coffer;
    this.sessions = sessions;
    this.backoff = backoff;
    this.tls = tls;
  }

  void declare(Routes routes) {
    routes.get("/console/login", null, "The console's login page.").produces("text/html")
        .handle(ctx -> ctx.html(loginPage(ctx.queryParam("failed") != null)));
    routes.post("/console/login", null, "Log in to the console with a user and password, or a token.")
        .produces("text/html")
        .handle(this::login);
    routes.post("/console/logout", io.coffer.catalog.access.Role.VIEWER, "Log out of the console.")
        .produces("text/html")
        .handle(ctx -> {
          sessions.close(ctx.cookie(Sessions.COOKIE));
          ctx.removeCookie(Sessions.COOKIE, "/");
          ctx.redirect("/console/login", io.javalin.http.HttpStatus.SEE_OTHER);
        });
  }

  private void login(Context ctx) {
    String client = ctx.ip();
    Duration wait = backoff.wait(client);
    if (!wait.isZero()) {
      throw new ApiException(429, "too many failed logins from " + client + "; try again in "
          + Math.max(1, wait.toSeconds()) + " s", null);
    }
    String user = ctx.formParam("user");
    String password = ctx.formParam("password");
    String token = ctx.formParam("token");
    Optional<Principal> principal = token != null && !token.isBlank() ? coffer.access().authenticate(token.strip())
        : user == null || password == null ? Optional.empty() : coffer.access().login(user, password.toCharArray());
    if (principal.isEmpty()) {
      backoff.failed(client);
      ctx.redirect("/console/login?failed", io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    backoff.succeeded(client);
    Sessions.Session session = sessions.open(principal.get());
    Cookie cookie = new Cookie(Sessions.COOKIE, session.id());
    cookie.setPath("/");
    cookie.setHttpOnly(true);
    cookie.setSecure(tls);
    cookie.setSameSite(SameSite.STRICT);
    ctx.cookie(cookie);
    ctx.redirect("/console/", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private static String loginPage(boolean failed) {
    return Html.page("Log in", null, null, (failed ? "<p class=\"error\" id=\"login-failed\">The user, password or"
        + " token was not accepted.</p>" : "")
        + "<form method=\"post\" action=\"/console/login\" class=\"login\">"
        + "<label>User <input name=\"user\" id=\"user\" autocomplete=\"username\"></label>"
        + "<label>Password <input name=\"password\" id=\"password\" type=\"password\" autocomplete=\"current-password\">"
        + "</label><p>or</p><label>API token <input name=\"token\" id=\"token\" type=\"password\"></label>"
        + "<button type=\"submit\" id=\"login\">Log in</button></form>");
  }
}
