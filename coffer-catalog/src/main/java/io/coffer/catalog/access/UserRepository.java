package io.coffer.catalog.access;

import io.coffer.catalog.DuplicateNameException;
import io.coffer.catalog.Names;
import io.coffer.catalog.store.Change;
import io.coffer.catalog.store.Columns;
import io.coffer.catalog.store.Lookup;
import io.coffer.catalog.store.Store;
import io.coffer.catalog.store.Table;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Adds, lists, changes and removes API users. The history records each change with the user's
 * name and role, never the password or its hash.
 */
public final class UserRepository {

  private final Store store;

  public UserRepository(Store store) {
    this.store = store;
  }

  public User add(String name, Role role, String passwordHash) {
    return store.change(new Change("user add", "user " + name, "role " + role), handle -> {
      String valid = Names.require("user", name);
      handle.createQuery("select id from app_user where name = :name").bind("name", valid).mapTo(Long.class)
          .findOne().ifPresent(id -> {
            throw new DuplicateNameException("user", valid, "user " + id);
          });
      long now = store.now().toEpochMilli();
      long id = handle.createUpdate("insert into app_user (name, role, password_hash, created_at, updated_at)"
              + " values (:name, :role, :hash, :now, :now)")
          .bind("name", valid).bind("role", role.toString()).bind("hash", passwordHash).bind("now", now)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      return load(handle, id);
    }, user -> "ok: user " + user.id());
  }

  public List<User> list() {
    return store.read(handle -> handle.createQuery("select * from app_user order by name")
        .map(UserRepository::map).list());
  }

  /** The user with this id or name. */
  public User show(String reference) {
    return store.read(handle -> load(handle, Lookup.id(handle, Table.USER, reference)));
  }

  /** The user of this name, if there is one: for logging in, where an unknown name is no error to explain. */
  public Optional<User> find(String name) {
    return store.read(handle -> handle.createQuery("select * from app_user where name = :name").bind("name", name)
        .map(UserRepository::map).findOne());
  }

  public int count() {
    return store.read(handle -> handle.createQuery("select count(*) from app_user").mapTo(Integer.class).one());
  }

  public User setPassword(String reference, String passwordHash) {
    return store.change(Change.of("user passwd", "user " + reference), handle -> {
      long id = Lookup.id(handle, Table.USER, reference);
      handle.createUpdate("update app_user set password_hash = :hash, updated_at = :now where id = :id")
          .bind("hash", passwordHash).bind("now", store.now().toEpochMilli()).bind("id", id).execute();
      return load(handle, id);
    });
  }

  public User setRole(String reference, Role role) {
    return store.change(new Change("user update", "user " + reference, "role " + role), handle -> {
      long id = Lookup.id(handle, Table.USER, reference);
      handle.createUpdate("update app_user set role = :role, updated_at = :now where id = :id")
          .bind("role", role.toString()).bind("now", store.now().toEpochMilli()).bind("id", id).execute();
      return load(handle, id);
    });
  }

  /** Removes a user and its tokens. */
  public User remove(String reference) {
    return store.change(Change.of("user remove", "user " + reference), handle -> {
      long id = Lookup.id(handle, Table.USER, reference);
      User user = load(handle, id);
      handle.createUpdate("delete from api_token where user_id = :id").bind("id", id).execute();
      handle.createUpdate("delete from app_user where id = :id").bind("id", id).execute();
      return user;
    });
  }

  static User load(Handle handle, long id) {
    return handle.createQuery("select * from app_user where id = :id").bind("id", id).map(UserRepository::map).one();
  }

  private static User map(ResultSet row, StatementContext ctx) throws SQLException {
    return new User(row.getLong("id"), row.getString("name"), Role.parse(row.getString("role")),
        row.getString("password_hash"), Columns.instant(row, "created_at"), Columns.instant(row, "updated_at"));
  }
}
