package io.coffer.catalog.access;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.store.Change;
import io.coffer.catalog.store.Columns;
import io.coffer.catalog.store.Lookup;
import io.coffer.catalog.store.Store;
import io.coffer.catalog.store.Table;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Stores API tokens by their hash, finds them by it, lists and revokes them. */
public final class TokenRepository {

  private static final String SELECT = "select t.*, u.name as user_name from api_token t"
      + " join app_user u on u.id = t.user_id";

  private final Store store;

  public TokenRepository(Store store) {
    this.store = store;
  }

  /** Stores a token made for {@code user}; {@code expiresAt} null for one that does not expire. */
  public ApiToken add(String user, String name, String hash, Instant expiresAt) {
    String detail = "name \"" + name + "\"" + (expiresAt == null ? "" : ", expires " + expiresAt);
    return store.change(new Change("token create", "user " + user, detail), handle -> {
      long userId = Lookup.id(handle, Table.USER, user);
      if (name == null || name.isBlank() || name.length() > 200) {
        throw new CatalogValidationException("name", name, "1 to 200 characters saying what the token is for");
      }
      if (expiresAt != null && !expiresAt.isAfter(store.now())) {
        throw new CatalogValidationException("expires", expiresAt, "a time in the future");
      }
      long id = handle.createUpdate("insert into api_token (user_id, name, hash, created_at, expires_at)"
              + " values (:user, :name, :hash, :now, :expires)")
          .bind("user", userId).bind("name", name.strip()).bind("hash", hash)
          .bind("now", store.now().toEpochMilli()).bind("expires", Columns.millis(expiresAt))
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      return load(handle, id);
    }, token -> "ok: token " + token.id());
  }

  /** The tokens of one user (by id or name), or of all users when {@code user} is null; newest first. */
  public List<ApiToken> list(String user) {
    return store.read(handle -> {
      if (user == null) {
        return handle.createQuery(SELECT + " order by t.id desc").map(TokenRepository::map).list();
      }
      long userId = Lookup.id(handle, Table.USER, user);
      return handle.createQuery(SELECT + " where t.user_id = :user order by t.id desc").bind("user", userId)
          .map(TokenRepository::map).list();
    });
  }

  public ApiToken show(long id) {
    return store.read(handle -> load(handle, Lookup.require(handle, Table.TOKEN, id)));
  }

  /** The token with this hash, valid or not. */
  public Optional<ApiToken> findByHash(String hash) {
    return store.read(handle -> handle.createQuery(SELECT + " where t.hash = :hash").bind("hash", hash)
        .map(TokenRepository::map).findOne());
  }

  /** Revokes a token; revoking one already revoked changes nothing. */
  public ApiToken revoke(long id) {
    return store.change(Change.of("token revoke", "token " + id), handle -> {
      Lookup.require(handle, Table.TOKEN, id);
      handle.createUpdate("update api_token set revoked_at = :now where id = :id and revoked_at is null")
          .bind("now", store.now().toEpochMilli()).bind("id", id).execute();
      return load(handle, id);
    });
  }

  /** Notes that a token was used; not a history event (it happens on every request). */
  public void touch(long id) {
    store.unrecorded(handle -> handle.createUpdate("update api_token set last_used_at = :now where id = :id")
        .bind("now", store.now().toEpochMilli()).bind("id", id).execute());
  }

  private static ApiToken load(Handle handle, long id) {
    return handle.createQuery(SELECT + " where t.id = :id").bind("id", id).map(TokenRepository::map).one();
  }

  private static ApiToken map(ResultSet row, StatementContext ctx) throws SQLException {
    return new ApiToken(row.getLong("id"), row.getLong("user_id"), row.getString("user_name"), row.getString("name"),
        row.getString("hash"), Columns.instant(row, "created_at"), Columns.instant(row, "expires_at"),
        Columns.instant(row, "revoked_at"), Columns.instant(row, "last_used_at"));
  }
}
