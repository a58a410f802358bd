package io.coffer.cli.access;

import io.coffer.catalog.access.ApiToken;
import io.coffer.cli.CommandGroup;
import io.coffer.cli.definition.Ids;
import io.coffer.cli.session.Details;
import io.coffer.cli.session.DestructiveCommand;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.cli.session.Rows;
import io.coffer.cli.session.Text;
import io.coffer.engine.Coffer;
import io.coffer.engine.access.IssuedToken;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer token}: API tokens, which act for a user with its role. Only their hashes are kept. */
@Command(name = "token", description = {"API tokens for the administration API: each acts for a user with its role.",
    "A token is shown once, when it is made; the catalog keeps only its hash."},
    subcommands = {TokenCommand.TokenCreate.class, TokenCommand.TokenList.class, TokenCommand.TokenRevoke.class})
public final class TokenCommand extends CommandGroup {

  static Details details(ApiToken t) {
    return new Details().add("Id", t.id()).add("User", t.user()).add("Name", t.name())
        .add("State", t.state(Instant.now())).add("Created", Text.time(t.createdAt()))
        .add("Expires", t.expiresAt() == null ? "never" : Text.time(t.expiresAt()))
        .add("Last used", t.lastUsedAt() == null ? "never" : Text.time(t.lastUsedAt()));
  }

  /** {@code coffer token create --user NAME --name TEXT [--expire 30d]}. */
  @Command(name = "create", description = {"Make a token for a user and print it once.",
      "Store it where it is needed (a file read with --token-file, a secret store); it cannot be shown again."})
  static final class TokenCreate extends EngineCommand {

    @Option(names = "--user", paramLabel = "USER", description = "The user the token acts for.")
    String user;

    @Option(names = "--name", paramLabel = "TEXT", description = "What the token is for (e.g. ci, laptop).")
    String name;

    @Option(names = "--expire", paramLabel = "DURATION",
        description = "How long it is valid, e.g. 30d or \"1w 3d\"; without it, until revoked.")
    String expire;

    @Override
    protected List<Question> questions() {
      return List.of(Question.required("User", "--user", () -> user, v -> user = v),
          Question.required("Token name", "--name", () -> name, v -> name = v));
    }

    @Override
    protected int run(Coffer coffer) {
      IssuedToken issued = coffer.access().createToken(user, name, expire);
      if (machineReadable()) {
        print(details(issued.stored()).add("Token", issued.secret()));
      } else {
        out().println(issued.secret());
        out().flush();
        err().println("token " + issued.stored().id() + " for user " + issued.stored().user() + " ("
            + (issued.stored().expiresAt() == null ? "does not expire" : "expires " + Text.time(issued.stored()
            .expiresAt())) + "); it is shown only now");
        err().flush();
      }
      return 0;
    }
  }

  /** {@code coffer token list [--user NAME]}. */
  @Command(name = "list", description = "List tokens (never the tokens themselves), newest first.")
  static final class TokenList extends EngineCommand {

    @Option(names = "--user", paramLabel = "USER", description = "Only the tokens of this user.")
    String user;

    @Override
    protected int run(Coffer coffer) {
      Instant now = Instant.now();
      Rows rows = new Rows("ID", "USER", "NAME", "STATE", "CREATED", "EXPIRES", "LAST USED").alignRight(0);
      for (ApiToken t : coffer.access().tokens(user)) {
        rows.add(t.id(), t.user(), t.name(), t.state(now), Text.time(t.createdAt()),
            t.expiresAt() == null ? "never" : Text.time(t.expiresAt()),
            t.lastUsedAt() == null ? "never" : Text.time(t.lastUsedAt()));
      }
      print(rows, "No tokens.");
      return 0;
    }
  }

  /** {@code coffer token revoke ID}. */
  @Command(name = "revoke", description = "Revoke a token: requests with it are refused from now on.")
  static final class TokenRevoke extends DestructiveCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Id of the token (coffer token list).")
    String id;

    @Override
    protected List<Question> questions() {
      return List.of(Question.required("Token id", "#0", () -> id, v -> id = v));
    }

    @Override
    protected String action() {
      return "revoke token " + id;
    }

    @Override
    protected int run(Coffer coffer) {
      ApiToken revoked = coffer.access().revokeToken(Ids.parse("token", id));
      say("[Done] token " + revoked.id() + " of user " + revoked.user() + " revoked.");
      if (machineReadable()) {
        print(details(revoked));
      }
      return 0;
    }
  }
}
