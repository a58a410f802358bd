package io.coffer.source.postgres;

import io.coffer.model.RolePolicy;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.SourceException;
import io.coffer.source.SourceListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates the roles of a backup that the target lacks, in one transaction: either all of them exist
 * afterwards or none was created. Existing roles are left exactly as they are; memberships are
 * granted where at least one side is a role created here.
 */
final class PgRoleCreator {

  private final Connection connection;
  private final PgGlobals globals;
  private final int targetVersionNum;
  private final RolePolicy policy;
  private final SourceListener listener;

  PgRoleCreator(
      Connection connection,
      PgGlobals globals,
      int targetVersionNum,
      RolePolicy policy,
      SourceListener listener) {
    this.connection = connection;
    this.globals = globals;
    this.targetVersionNum = targetVersionNum;
    this.policy = policy;
    this.listener = listener;
  }

  /** Creates the missing roles and adds their names to {@code created} once committed. */
  void create(List<String> created) throws SQLException, SourceException {
    Set<String> existing = new HashSet<>(PgCatalog.roleNames(connection));
    List<PgRole> missing = new ArrayList<>();
    List<String> reused = new ArrayList<>();
    for (PgRole role : globals.roles()) {
      if (existing.contains(role.name())) {
        if (!role.system()) {
          reused.add(role.name());
        }
      } else {
        missing.add(role);
      }
    }
    if (!reused.isEmpty() && policy == RolePolicy.FAIL_ON_EXISTING) {
      throw new SourceException(
          Reason.ROLE_EXISTS, "roles of the backup exist on the target: " + String.join(", ", reused));
    }
    for (String role : reused) {
      listener.warn("role " + role + " exists on the target and is reused as it is");
    }
    Set<String> names = new HashSet<>();
    for (PgRole role : missing) {
      names.add(role.name());
    }
    connection.setAutoCommit(false);
    try {
      for (PgRole role : missing) {
        for (String sql : PgSql.createRole(role)) {
          PgRestore.execute(connection, sql);
        }
      }
      Set<String> present = new HashSet<>(existing);
      present.addAll(names);
      for (PgMembership m : globals.memberships()) {
        boolean touchesCreated = names.contains(m.role()) || names.contains(m.member());
        if (!touchesCreated || !present.contains(m.role()) || !present.contains(m.member())) {
          continue;
        }
        PgRestore.execute(connection, PgSql.grantMembership(m, keepGrantor(m, present)));
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
    for (PgRole role : missing) {
      created.add(role.name());
    }
  }

  /**
   * Records the original grantor when the server lets a superuser name one freely (before 16) and
   * that role exists; otherwise the grant is recorded as made by the restoring user.
   */
  private boolean keepGrantor(PgMembership m, Set<String> present) {
    return targetVersionNum < 160000 && m.grantor() != null && present.contains(m.grantor());
  }
}
