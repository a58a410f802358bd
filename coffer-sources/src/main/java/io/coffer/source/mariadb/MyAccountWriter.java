package io.coffer.source.mariadb;

import io.coffer.model.RolePolicy;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceException;
import io.coffer.source.SourceListener;
import io.coffer.source.mariadb.MyGrant.Scope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-creates the accounts of a backup on a target, in three steps that follow what each grant needs:
 * accounts with their global privileges and role memberships before loading; grants on the restored
 * databases after loading (table and routine grants need their objects), under the target names;
 * default roles last. Existing accounts are not changed beyond the grants on the restored databases.
 */
final class MyAccountWriter {

  private final Connection connection;
  private final List<MyAccount> accounts;
  private final Map<String, String> targetOf;
  private final RolePolicy policy;
  private final SourceListener listener;
  private final List<MyAccount> created = new ArrayList<>();

  /** @param targetOf each backed-up database's target name */
  MyAccountWriter(
      Connection connection,
      List<MyAccount> accounts,
      Map<String, String> targetOf,
      RolePolicy policy,
      SourceListener listener) {
    this.connection = connection;
    this.accounts = accounts;
    this.targetOf = targetOf;
    this.policy = policy;
    this.listener = listener;
  }

  void createMissing() throws SQLException, SourceException {
    Set<String> existing = MyAccounts.labels(connection);
    List<String> reused =
        accounts.stream().map(MyAccount::label).filter(existing::contains).toList();
    if (!reused.isEmpty() && policy == RolePolicy.FAIL_ON_EXISTING) {
      throw new SourceException(
          Reason.ROLE_EXISTS, "accounts of the backup exist on the target: " + String.join(", ", reused));
    }
    for (String account : reused) {
      listener.warn("account " + account + " exists on the target and is reused as it is");
    }
    for (MyAccount a : accounts) {
      if (!existing.contains(a.label())) {
        MyRestore.execute(connection, a.create());
        created.add(a);
      }
    }
    for (Scope scope : List.of(Scope.GLOBAL, Scope.ROLE)) {
      for (MyAccount a : created) {
        for (MyGrant g : a.grants()) {
          if (g.scope() == scope) {
            MyRestore.execute(connection, g.render(null));
          }
        }
      }
    }
  }

  /** Grants on the restored databases, for every account; other database grants for new ones. */
  void grantDatabases() throws SQLException {
    for (MyAccount a : accounts) {
      boolean isNew = created.contains(a);
      for (MyGrant g : a.grants()) {
        if (g.scope() != Scope.DATABASE) {
          continue;
        }
        String target = targetOf.get(g.database());
        if (target != null) {
          MyRestore.execute(connection, g.render(target));
        } else if (isNew) {
          MyRestore.execute(connection, g.render(g.database()));
        }
      }
    }
  }

  void setDefaultRoles() throws SQLException {
    for (MyAccount a : created) {
      for (MyGrant g : a.grants()) {
        if (g.scope() == Scope.DEFAULT_ROLE) {
          MyRestore.execute(connection, g.render(null));
        }
      }
    }
  }

  List<String> createdLabels() {
    return created.stream().map(MyAccount::label).toList();
  }

  /** The statements that drop the accounts created here, for a person to run. */
  List<String> dropStatements() {
    return created.stream().map(MyAccountWriter::dropStatement).toList();
  }

  static String dropStatement(MyAccount a) {
    return a.role()
        ? "DROP ROLE IF EXISTS " + MyAccounts.quote(a.user())
        : "DROP USER IF EXISTS " + MyAccounts.quote(a.user()) + "@" + MyAccounts.quote(a.host());
  }

  /** Drops the accounts created here; returns what could not be dropped. */
  List<String> dropCreated() {
    List<String> problems = new ArrayList<>();
    for (MyAccount a : created) {
      drop(connection, a).ifPresent(problems::add);
    }
    return problems;
  }

  /** Drops one account; returns the problem if it could not be dropped. */
  static java.util.Optional<String> drop(Connection connection, MyAccount a) {
    try {
      MyRestore.execute(connection, dropStatement(a));
      return java.util.Optional.empty();
    } catch (SQLException e) {
      return java.util.Optional.of("could not drop account " + a.label() + ": " + e.getMessage());
    }
  }
}
