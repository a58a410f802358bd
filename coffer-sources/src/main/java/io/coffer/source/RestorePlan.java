package io.coffer.source;

import java.util.List;

/**
 * What a restore will do, computed before anything changes and shown to the user ({@link
 * #render()}); a dry run stops after it.
 *
 * @param engine the engine of the backup and target
 * @param kind the kind of the backup
 * @param target the target node's label
 * @param databases one step per member
 * @param roles one step per role (account) of the backup
 * @param extraDatabases databases on the target that the backup does not contain (left untouched)
 * @param warnings things the user should know before going on
 */
public record RestorePlan(
    Engine engine,
    Kind kind,
    String target,
    List<DatabaseStep> databases,
    List<RoleStep> roles,
    List<String> extraDatabases,
    List<String> warnings) {

  public RestorePlan {
    databases = List.copyOf(databases);
    roles = List.copyOf(roles);
    extraDatabases = List.copyOf(extraDatabases);
    warnings = List.copyOf(warnings);
  }

  /** What happens to one member's target database. */
  public enum Existing {
    /** The target does not exist; it is created. */
    NONE,
    /** The existing target is renamed to {@link DatabaseStep#renamedTo()} first. */
    RENAME,
    /** The existing target is dropped. */
    DROP,
    /** DATA backups load into the existing target, whose tables must be empty. */
    LOAD_INTO
  }

  /** One member: from which backed-up database into which target, and what happens to what exists. */
  public record DatabaseStep(String source, String target, Existing existing, String renamedTo) {}

  /** One role: created from the backup, or an existing one reused. */
  public record RoleStep(String role, boolean create) {}

  /** The plan as lines for people, one action per line. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("Restore plan: ")
        .append(engine.id())
        .append(' ')
        .append(kind)
        .append(" backup to ")
        .append(target)
        .append('\n');
    for (RoleStep r : roles) {
      out.append(r.create() ? "  create role " : "  reuse existing role ").append(r.role()).append('\n');
    }
    for (DatabaseStep d : databases) {
      String create = "  create database " + d.target() + " from " + d.source() + "\n";
      switch (d.existing()) {
        case RENAME:
          out.append("  rename existing database ").append(d.target()).append(" to ");
          out.append(d.renamedTo()).append('\n').append(create);
          break;
        case DROP:
          out.append("  drop existing database ").append(d.target()).append('\n').append(create);
          break;
        case LOAD_INTO:
          out.append("  load data of ").append(d.source()).append(" into existing database ");
          out.append(d.target()).append('\n');
          break;
        default:
          out.append(create);
      }
    }
    if (!extraDatabases.isEmpty()) {
      out.append("  extra databases on the target, not in the backup (left untouched): ")
          .append(String.join(", ", extraDatabases))
          .append('\n');
    }
    for (String w : warnings) {
      out.append("  warning: ").append(w).append('\n');
    }
    return out.toString();
  }
}
