package io.coffer.server.api;

import static io.coffer.server.ApiServer.BASE;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.catalog.access.ApiToken;
import io.coffer.catalog.access.Role;
import io.coffer.catalog.access.User;
import io.coffer.engine.Coffer;
import io.coffer.engine.access.IssuedToken;
import io.coffer.engine.access.Principal;
import io.coffer.server.http.JsonBody;
import io.coffer.server.http.QueryParams;
import io.coffer.server.http.Routes;
import java.time.Instant;
import java.util.List;

/**
 * Users and API tokens, for admins; and {@code /me}, which tells any user who they are. Password
 * hashes and token hashes never leave the server; a token is in the response that made it only.
 */
final class AccessApi {

  /** A user as the API shows it. */
  record UserView(long id, String name, String role, Instant createdAt, Instant updatedAt) {
    static UserView of(User user) {
      return new UserView(user.id(), user.name(), user.role().toString(), user.createdAt(), user.updatedAt());
    }
  }

  /** A token as the API shows it: never its hash; the token itself only when it was just made. */
  record TokenView(long id, String user, String name, String state, Instant createdAt, Instant expiresAt,
      Instant revokedAt, Instant lastUsedAt, String token) {
    static TokenView of(ApiToken t, String secret) {
      return new TokenView(t.id(), t.user(), t.name(), t.state(Instant.now()), t.createdAt(), t.expiresAt(),
          t.revokedAt(), t.lastUsedAt(), secret);
    }
  }

  private AccessApi() {}

  static void declare(Routes routes, Coffer coffer, ObjectMapper json) {
    routes.get(BASE + "/me", Role.VIEWER, "Who the credentials of this request belong to, and their role.")
        .handle(ctx -> {
          Principal principal = ctx.attribute(Principal.class.getName());
          ctx.json(java.util.Map.of("user", principal.user(), "role", principal.role().toString(), "via",
              principal.via()));
        });
    routes.get(BASE + "/users", Role.ADMIN, "List users.")
        .handle(ctx -> ctx.json(coffer.access().users().stream().map(UserView::of).toList()));
    routes.post(BASE + "/users", Role.ADMIN, "Add a user.")
        .body("name", "string", true, "letters, digits, '.', '_' or '-'")
        .body("role", "string", true, "viewer, operator or admin")
        .body("password", "string", true, "at least 12 characters")
        .success(201)
        .handle(ctx -> {
          JsonBody body = JsonBody.of(ctx, json);
          String name = body.requiredString("name");
          Role role = Role.parse(body.requiredString("role"));
          char[] password = body.requiredString("password").toCharArray();
          ctx.status(201).json(UserView.of(coffer.access().addUser(name, role, password)));
        });
    routes.delete(BASE + "/users/{user}", Role.ADMIN, "Remove a user and its tokens.")
        .handle(ctx -> ctx.json(UserView.of(coffer.access().removeUser(ctx.pathParam("user")))));
    routes.put(BASE + "/users/{user}/password", Role.ADMIN, "Set a user's password.")
        .body("password", "string", true, "at least 12 characters")
        .handle(ctx -> {
          JsonBody body = JsonBody.of(ctx, json);
          ctx.json(UserView.of(coffer.access().changePassword(ctx.pathParam("user"),
              body.requiredString("password").toCharArray())));
        });
    routes.get(BASE + "/tokens", Role.ADMIN, "List API tokens (never the tokens themselves).")
        .query("user", "string", "only the tokens of this user")
        .handle(ctx -> ctx.json(tokens(coffer.access().tokens(ctx.queryParam("user")))));
    routes.post(BASE + "/tokens", Role.ADMIN, "Make an API token for a user; the response is the only place it is shown.")
        .body("user", "string", true, "the user the token acts for")
        .body("name", "string", true, "what the token is for")
        .body("expire", "string", false, "how long it is valid, e.g. \"30d\" or \"1w 3d\"; none: until revoked")
        .success(201)
        .handle(ctx -> {
          JsonBody body = JsonBody.of(ctx, json);
          IssuedToken issued = coffer.access().createToken(body.requiredString("user"), body.requiredString("name"),
              body.string("expire").orElse(null));
          ctx.status(201).json(TokenView.of(issued.stored(), issued.secret()));
        });
    routes.delete(BASE + "/tokens/{id}", Role.ADMIN, "Revoke an API token.")
        .handle(ctx -> ctx.json(TokenView.of(coffer.access().revokeToken(QueryParams.id(ctx, "id")), null)));
  }

  private static List<TokenView> tokens(List<ApiToken> tokens) {
    return tokens.stream().map(t -> TokenView.of(t, null)).toList();
  }
}
