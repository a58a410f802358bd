package io.coffer.source;

import io.coffer.model.Engine;
import io.coffer.model.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a restore will do, computed once before anything changes, shown to the user ({@link
 * #render()}) and then carried out as it stands: every name a restore gives (a renamed database, a
 * staging database) is decided here, so what the plan says is what the restore does and what the
 * catalog records. A dry run stops after it.
 *
 * @param engine the engine of the backup and target
 * @param kind the kind of the backup
 * @param target the target node's name
 * @param targetVersion the target server's version (SQLite: the library's)
 * @param tools the programs and libraries the restore writes with, with their versions, e.g. {@code
 *     psql 15.20}
 * @param databases one step per member
 * @param roles one step per role (account) of the backup
 * @param extraDatabases databases on the target that the backup does not contain (left untouched)
 * @param terminateConnections whether sessions holding an existing target are ended before it is
 *     renamed or dropped
 * @param warnings things the user should know before going on
 * @param notes how the restore will run where that differs from what was asked, and why (e.g. fewer
 *     jobs than asked for a step), shown as lines of the plan
 */
public record RestorePlan(
    Engine engine,
    Kind kind,
    String target,
    String targetVersion,
    List<String> tools,
    List<DatabaseStep> databases,
    List<RoleStep> roles,
    List<String> extraDatabases,
    boolean terminateConnections,
    List<String> warnings,
    List<String> notes) {

  public RestorePlan {
    targetVersion = Objects.requireNonNullElse(targetVersion, "");
    tools = List.copyOf(tools);
    databases = List.copyOf(databases);
    roles = List.copyOf(roles);
    extraDatabases = List.copyOf(extraDatabases);
    warnings = List.copyOf(warnings);
    notes = notes == null ? List.of() : List.copyOf(notes);
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

  /**
   * One member: from which backed-up database into which target, and what happens to what exists.
   *
   * @param source the database as backed up
   * @param target the database it becomes
   * @param existing what happens to an existing target
   * @param renamedTo the existing target's new name, for {@link Existing#RENAME}
   * @param staging the database (SQLite: file) the member is loaded into before it is put in place;
   *     null when it is loaded in place
   * @param holders the sessions connected to an existing target that is renamed or dropped: ended
   *     first when {@link #terminateConnections()}, otherwise the plan is refused because of them
   */
  public record DatabaseStep(
      String source, String target, Existing existing, String renamedTo, String staging,
      List<ClientSession> holders) {

    public DatabaseStep {
      holders = List.copyOf(holders);
    }

    /** A step without staging or sessions to end. */
    public DatabaseStep(String source, String target, Existing existing, String renamedTo) {
      this(source, target, existing, renamedTo, null, List.of());
    }
  }

  /** One role: created from the backup, or an existing one reused. */
  public record RoleStep(String role, boolean create) {}

  /** The staging databases (files) the restore creates, in member order. */
  public List<String> staging() {
    List<String> names = new ArrayList<>();
    for (DatabaseStep d : databases) {
      if (d.staging() != null) {
        names.add(d.staging());
      }
    }
    return names;
  }

  /** The plan as lines for people, one action per line. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("Restore plan: ").append(engine.id()).append(' ').append(kind).append(" backup to ").append(target);
    if (!targetVersion.isEmpty()) {
      out.append(" (").append(targetVersion).append(')');
    }
    if (!tools.isEmpty()) {
      out.append(" with ").append(String.join(", ", tools));
    }
    out.append('\n');
    for (RoleStep r : roles) {
      out.append(r.create() ? "  create role " : "  reuse existing role ").append(r.role()).append('\n');
    }
    for (DatabaseStep d : databases) {
      if (kind.copiesWholeNode()) {
        out.append("  restore ").append(d.source()).append(" into directory ").append(d.target())
            .append(d.existing() == Existing.DROP ? " (force: what it holds where the tree has a name is replaced)"
                : " (new or empty)").append('\n');
        continue;
      }
      if (!d.holders().isEmpty()) {
        out.append("  end the sessions holding ").append(d.target()).append(" (terminate-connections): ");
        out.append(d.holders().stream().map(ClientSession::toString).reduce((a, b) -> a + ", " + b).orElse(""));
        out.append('\n');
      }
      String create = "  create database " + d.target() + " from " + d.source()
          + (d.staging() == null ? "" : " (loaded as " + d.staging() + ", then renamed)") + "\n";
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
    for (String n : notes) {
      out.append("  ").append(n).append('\n');
    }
    for (String w : warnings) {
      out.append("  warning: ").append(w).append('\n');
    }
    return out.toString();
  }
}
