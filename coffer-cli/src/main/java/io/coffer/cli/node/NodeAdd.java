package io.coffer.cli.node;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.Enums;
import io.coffer.catalog.node.Credentials;
import io.coffer.catalog.node.NewNode;
import io.coffer.catalog.node.Node;
import io.coffer.catalog.node.NodeStatus;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import io.coffer.model.CredentialReference;
import io.coffer.model.Engine;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer node add NAME --engine E …}. */
@Command(name = "add", description = "Register a node.")
final class NodeAdd extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Name of the node.")
  String name;

  @Option(names = "--engine", paramLabel = "ENGINE", description = "postgresql, mariadb, sqlite or filesystem (postgres and pg, mysql and maria are accepted).")
  String engine;

  @Option(names = "--host", paramLabel = "HOST", description = "Server host (server engines).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", description = "Server port (default: the engine's).")
  String port;

  @Option(names = "--admin-user", paramLabel = "USER", description = "User backups run as (default postgres or root).")
  String adminUser;

  @Option(names = "--credential", paramLabel = "REF",
      description = "Where the password is: none, file:/PATH, pgpass[:/PATH] or env:VARIABLE. Never the password.")
  String credential;

  @Option(names = "--data-directory", paramLabel = "DIR", description = "Directory of the database files (sqlite, filesystem; FILES and PHYSICAL backups of a server, when it differs from what the server reports).")
  String dataDirectory;

  @Option(names = "--status", paramLabel = "RUNNING|DOWN", description = "Default RUNNING.")
  String status;

  @Option(names = "--remarks", paramLabel = "TEXT", description = "Free text.")
  String remarks;

  @Override
  protected List<Question> questions() {
    return List.of(
        Question.required("Node name", "#0", () -> name, v -> name = v),
        Question.required("Engine (postgresql, mariadb, sqlite, filesystem)", "--engine", () -> engine, v -> engine = v)
            .checkedBy(Enums::engine),
        Question.optional("Host", "--host", () -> host, v -> host = v, ""),
        Question.optional("Port", "--port", () -> port, v -> port = v, "").checkedBy(NodeAdd::port),
        Question.optional("Admin user", "--admin-user", () -> adminUser, v -> adminUser = v, ""),
        Question.optional("Credential", "--credential", () -> credential, v -> credential = v, "none")
            .checkedBy(Credentials::parse),
        Question.optional("Data directory", "--data-directory", () -> dataDirectory, v -> dataDirectory = v, ""),
        Question.optional("Status", "--status", () -> status, v -> status = v, "RUNNING").checkedBy(NodeStatus::parse),
        Question.optional("Remarks", "--remarks", () -> remarks, v -> remarks = v, ""));
  }

  @Override
  protected int run(Coffer coffer) {
    NewNode node = NewNode.builder(name, Enums.engine(engine))
        .host(host)
        .port(port(port))
        .adminUser(adminUser)
        .credential(Credentials.parse(credential))
        .dataDirectory(dataDirectory)
        .status(status == null || status.isBlank() ? NodeStatus.RUNNING : NodeStatus.parse(status))
        .remarks(remarks)
        .build();
    Node added = coffer.nodes().add(node);
    if (machineReadable()) {
      print(NodeDetails.of(added, List.of()));
    } else {
      say("[Done] node " + added.name() + " (" + added.engine() + ") registered (id " + added.id() + ").");
    }
    return 0;
  }

  static Integer port(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      throw new CatalogValidationException("port", text, "a TCP port from 1 to 65535");
    }
  }
}
