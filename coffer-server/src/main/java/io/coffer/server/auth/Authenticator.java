package io.coffer.server.auth;

import io.coffer.catalog.access.Role;
import io.coffer.engine.access.AccessService;
import io.coffer.engine.access.Principal;
import io.coffer.server.http.ApiException;
import io.javalin.http.Context;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Finds who sent a request: {@code Authorization: Basic} (a user and password, as seed 004's clients
 * send them) or {@code Authorization: Bearer <token>}. No credentials, wrong ones, an unknown,
 * expired or revoked token are all the same 401, which never says which part was wrong; a client
 * under {@link Backoff} gets a 429 with {@code Retry-After} before its credentials are looked at.
 */
public final class Authenticator {

  /** The attribute holding the CSRF token of a request that came with a console session. */
  public static final String CSRF = "io.coffer.server.console.ConsoleContext.csrf";

  private final AccessService access;
  private final Backoff backoff;
  private final Sessions sessions;

  public Authenticator(AccessService access, Backoff backoff, Sessions sessions) {
    this.access = access;
    this.backoff = backoff;
    this.sessions = sessions;
  }

  /** The principal of the request, allowed {@code needed}; otherwise a 401, 403 or 429. */
  public Principal require(Context ctx, Role needed) {
    Principal principal = authenticate(ctx);
    if (!principal.may(needed)) {
      throw new ApiException(403, "user " + principal.user() + " (" + principal.role() + ") may not "
          + ctx.method() + " " + ctx.path() + "; it needs the role " + needed + " or above", null);
    }
    return principal;
  }

  private Principal authenticate(Context ctx) {
    String client = ctx.ip();
    Duration wait = backoff.wait(client);
    if (!wait.isZero()) {
      long seconds = Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0));
      ctx.header("Retry-After", Long.toString(seconds));
      throw new ApiException(429, "too many failed logins from " + client + "; try again in " + seconds + " s", null);
    }
    String header = ctx.header("Authorization");
    if (header == null && ctx.cookie(Sessions.COOKIE) != null) {
      return fromSession(ctx);
    }
    Optional<Principal> principal = header == null ? Optional.empty() : verify(header.strip());
    if (principal.isEmpty()) {
      if (header != null) {
        backoff.failed(client);
      }
      ctx.header("WWW-Authenticate", "Basic realm=\"coffer\", charset=\"UTF-8\"");
      throw new ApiException(401, header == null
          ? "authentication required: HTTP Basic with a user and password, or Bearer with an API token"
          : "the credentials were not accepted (unknown user, wrong password, or an invalid, expired or revoked token)",
          null);
    }
    backoff.succeeded(client);
    return principal.get();
  }

  /**
   * A console session: any request may read with it; one that changes something must also carry the
   * session's CSRF token (the form field, or the header {@code X-CSRF-Token}), which another site's
   * page cannot know — and SameSite=Strict keeps the cookie from its requests besides.
   */
  private Principal fromSession(Context ctx) {
    Sessions.Session session = sessions.find(ctx.cookie(Sessions.COOKIE)).orElseThrow(() -> new ApiException(401,
        "the console session ended; log in again", null));
    String method = ctx.method().name();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      String token = ctx.header("X-CSRF-Token");
      if (token == null && ctx.contentType() != null
          && ctx.contentType().startsWith("application/x-www-form-urlencoded")) {
        token = ctx.formParam(Sessions.CSRF_FIELD);
      }
      if (!Sessions.csrfMatches(session, token)) {
        throw new ApiException(403, "the request's CSRF token is missing or wrong; reload the page and try again",
            Sessions.CSRF_FIELD);
      }
    }
    ctx.attribute(CSRF, session.csrf());
    return session.principal();
  }

  private Optional<Principal> verify(String header) {
    int space = header.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    String scheme = header.substring(0, space);
    String value = header.substring(space + 1).strip();
    if (scheme.equalsIgnoreCase("Bearer")) {
      return access.authenticate(value);
    }
    if (!scheme.equalsIgnoreCase("Basic")) {
      return Optional.empty();
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    CharBuffer chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(decoded));
    char[] text = new char[chars.remaining()];
    chars.get(text);
    Arrays.fill(chars.array(), '\0');
    Arrays.fill(decoded, (byte) 0);
    try {
      int colon = indexOf(text, ':');
      if (colon < 0) {
        return Optional.empty();
      }
      String user = CharBuffer.wrap(text, 0, colon).toString();
      char[] password = Arrays.copyOfRange(text, colon + 1, text.length);
      try {
        // A token may also come as the password of the user "token", which any Basic-only client can send.
        return user.equals("token") ? access.authenticate(new String(password).strip()) : access.login(user, password);
      } finally {
        Arrays.fill(password, '\0');
      }
    } finally {
      Arrays.fill(text, '\0');
    }
  }

  private static int indexOf(char[] text, char wanted) {
    for (int i = 0; i < text.length; i++) {
      if (text[i] == wanted) {
        return i;
      }
    }
    return -1;
  }
}
