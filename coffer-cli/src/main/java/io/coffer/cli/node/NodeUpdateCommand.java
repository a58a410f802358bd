package io.coffer.cli.node;

import io.coffer.catalog.node.Credentials;
import io.coffer.catalog.node.Node;
import io.coffer.catalog.node.NodeStatus;
import io.coffer.catalog.node.NodeUpdate;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.cli.session.Settings;
import io.coffer.engine.Coffer;
import io.coffer.model.CredentialReference;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer node update NODE}: DOWN pauses its definitions and refuses backups by hand. */
@Command(name = "update", description = "Change a node; --status DOWN pauses its definitions.")
final class NodeUpdateCommand extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "NODE", description = "Id or name of the node.")
  String node;

  @Option(names = "--host", paramLabel = "HOST",
      description = "New host name or address of the database server.")
  String host;

  @Option(names = "--port", paramLabel = "PORT",
      description = "New TCP port of the database server (1–65535).")
  String port;

  @Option(names = "--admin-user", paramLabel = "USER",
      description = "New role or user Coffer connects as.")
  String adminUser;

  @Option(names = "--credential", paramLabel = "REF", description = "none, file:/PATH, pgpass[:/PATH] or env:VARIABLE.")
  String credential;

  @Option(names = "--data-directory", paramLabel = "DIR",
      description = "New data directory (sqlite and filesystem nodes).")
  String dataDirectory;

  @Option(names = "--status", paramLabel = "RUNNING|DOWN",
      description = "RUNNING, or DOWN to pause its definitions and refuse backups by hand.")
  String status;

  @Option(names = "--remarks", paramLabel = "TEXT",
      description = "A free-text note shown by node show.")
  String remarks;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = {"Set a node setting (repeatable): kind, retention_period, retention_redundancy, backup_hour_window, …",
          "quiesce=\"stop-start stop='…' start='…'\" and on_change=warn|fail for FILES backups."})
  List<String> settings = List.of();

  @Override
  protected List<Question> questions() {
    return List.of(
        Question.required("Node id / name", "#0", () -> node, v -> node = v),
        Question.optional("Status", "--status", () -> status, v -> status = v, ""),
        Question.optional("Remarks", "--remarks", () -> remarks, v -> remarks = v, ""));
  }

  @Override
  protected int run(Coffer coffer) {
    NodeUpdate update = new NodeUpdate();
    if (host != null) {
      update.host(host);
    }
    Integer number = NodeAdd.port(port);
    if (number != null) {
      update.port(number);
    }
    if (adminUser != null) {
      update.adminUser(adminUser);
    }
    if (credential != null) {
      update.credential(Credentials.parse(credential));
    }
    if (dataDirectory != null) {
      update.dataDirectory(dataDirectory);
    }
    if (status != null && !status.isBlank()) {
      update.status(NodeStatus.parse(status));
    }
    if (remarks != null && !remarks.isBlank()) {
      update.remarks(remarks);
    }
    for (String setting : settings) {
      String[] pair = Settings.split(setting);
      coffer.nodes().checkSetting(pair[0], pair[1]);
    }
    Node changed = coffer.nodes().update(node, update);
    for (String setting : settings) {
      String[] pair = Settings.split(setting);
      coffer.nodes().set(changed.name(), pair[0], pair[1]);
    }
    say("[Done] node " + changed.name() + " updated" + (changed.isDown() ? "; it is DOWN: its definitions are paused." : "."));
    if (machineReadable()) {
      print(NodeDetails.of(changed, coffer.nodes().settings(changed.name())));
    }
    return 0;
  }
}
