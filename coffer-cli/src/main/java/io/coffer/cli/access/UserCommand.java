package io.coffer.cli.access;

import io.coffer.catalog.access.Role;
import io.coffer.catalog.access.User;
import io.coffer.cli.CommandGroup;
import io.coffer.cli.passphrase.Passphrases;
import io.coffer.cli.session.Details;
import io.coffer.cli.session.DestructiveCommand;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.cli.session.Rows;
import io.coffer.cli.session.Text;
import io.coffer.engine.Coffer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code coffer user}: the users of the administration API. Passwords come from {@code
 * COFFER_USER_PASSWORD_FILE}, {@code COFFER_USER_PASSWORD} or the terminal, never from an argument.
 */
@Command(name = "user", description = {"Users of the administration API (coffer server) and their roles.",
    "Roles: viewer (read), operator (run, abort, verify, restore into new names), admin (everything).",
    "Passwords come from COFFER_USER_PASSWORD_FILE, COFFER_USER_PASSWORD or the terminal."},
    subcommands = {UserCommand.UserAdd.class, UserCommand.UserList.class, UserCommand.UserRemove.class,
        UserCommand.UserPasswd.class})
public final class UserCommand extends CommandGroup {

  static Details details(User user) {
    return new Details().add("Id", user.id()).add("Name", user.name()).add("Role", user.role().toString())
        .add("Created", Text.time(user.createdAt())).add("Updated", Text.time(user.updatedAt()));
  }

  /** {@code coffer user add NAME --role ROLE}. */
  @Command(name = "add", description = "Add a user with a role; its password is read as the command describes.")
  static final class UserAdd extends EngineCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The user's name.")
    String name;

    @Option(names = "--role", paramLabel = "ROLE", description = "viewer, operator or admin.")
    String role;

    @Override
    protected List<Question> questions() {
      return List.of(Question.required("User name", "#0", () -> name, v -> name = v),
          Question.required("Role (viewer, operator, admin)", "--role", () -> role, v -> role = v));
    }

    @Override
    protected int run(Coffer coffer) {
      Role parsed = Role.parse(role);
      char[] password = new Passphrases(env()).userPassword(name);
      try {
        User user = coffer.access().addUser(name, parsed, password);
        say("[Done] user " + user.name() + " added (id " + user.id() + ", role " + user.role() + ").");
        if (machineReadable()) {
          print(details(user));
        }
        return 0;
      } finally {
        Passphrases.wipe(password);
      }
    }
  }

  /** {@code coffer user list}. */
  @Command(name = "list", description = "List the users and their roles.")
  static final class UserList extends EngineCommand {

    @Override
    protected int run(Coffer coffer) {
      Rows rows = new Rows("ID", "NAME", "ROLE", "CREATED", "UPDATED").alignRight(0);
      for (User u : coffer.access().users()) {
        rows.add(u.id(), u.name(), u.role().toString(), Text.time(u.createdAt()), Text.time(u.updatedAt()));
      }
      print(rows, "No users.");
      return 0;
    }
  }

  /** {@code coffer user remove NAME}. */
  @Command(name = "remove", description = "Remove a user and its tokens (the last admin stays while others remain).")
  static final class UserRemove extends DestructiveCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "USER", description = "Id or name of the user.")
    String user;

    @Override
    protected List<Question> questions() {
      return List.of(Question.required("User id / name", "#0", () -> user, v -> user = v));
    }

    @Override
    protected String action() {
      return "remove user " + user + " and its tokens";
    }

    @Override
    protected int run(Coffer coffer) {
      User removed = coffer.access().removeUser(user);
      say("[Done] user " + removed.name() + " and its tokens removed.");
      if (machineReadable()) {
        print(details(removed));
      }
      return 0;
    }
  }

  /** {@code coffer user passwd NAME}. */
  @Command(name = "passwd", description = "Set a user's password; logins with the old one stop at once.")
  static final class UserPasswd extends EngineCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "USER", description = "Id or name of the user.")
    String user;

    @Override
    protected List<Question> questions() {
      return List.of(Question.required("User id / name", "#0", () -> user, v -> user = v));
    }

    @Override
    protected int run(Coffer coffer) {
      char[] password = new Passphrases(env()).userPassword(user);
      try {
        User changed = coffer.access().changePassword(user, password);
        say("[Done] password of user " + changed.name() + " changed.");
        if (machineReadable()) {
          print(details(changed));
        }
        return 0;
      } finally {
        Passphrases.wipe(password);
      }
    }
  }
}
