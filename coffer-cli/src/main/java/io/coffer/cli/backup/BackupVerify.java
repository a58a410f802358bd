package io.coffer.cli.backup;

import io.coffer.catalog.job.Job;
import io.coffer.catalog.job.JobState;
import io.coffer.catalog.verification.VerificationStatus;
import io.coffer.cli.job.JobText;
import io.coffer.cli.remote.JobFollower;
import io.coffer.cli.remote.Remote;
import io.coffer.cli.remote.RemoteOperations;
import io.coffer.cli.remote.RemoteServer;
import java.util.LinkedHashMap;
import java.util.Map;
import io.coffer.catalog.verification.Verification;
import io.coffer.cli.ExitCode;
import io.coffer.cli.definition.Ids;
import io.coffer.cli.session.EngineCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import io.coffer.engine.verify.VerifyOrder;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code coffer backup verify ID [--on-node N]}: restores the backup into scratch databases, compares
 * every table with what the backup recorded, removes the scratch databases and records the result.
 * Exit 0 when it passed, 3 when the contents differ, 1 when it could not be carried out.
 */
@Command(name = "verify", description = {"Verify a backup by restoring it into scratch databases of its own.",
    "Each table's rows and checksum are compared with what the backup recorded; then the scratch databases"
    + " (coffer_verify_<id>_<run>) are dropped.",
    "Exit 0: passed; 3: differences found; 1: the verification could not be carried out."})
final class BackupVerify extends EngineCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Id of the backup.")
  String id;

  @Option(names = "--on-node", paramLabel = "NODE",
      description = "Restore on this node (same engine) instead of the one the backup is of.")
  String node;

  @Option(names = "--jobs", paramLabel = "N", description = "Parallel jobs loading data.")
  int jobs;

  @Override
  protected List<Question> questions() {
    return List.of(Question.required("Backup id", "#0", () -> id, v -> id = v),
        Question.optional("Node id / name (empty: the backup's own)", "--on-node", () -> node, v -> node = v, ""));
  }

  /**
   * Against a server the verification is queued for the backup's agent and followed to its end; the
   * exit code is the same as here: 0 passed, 3 differences found, 1 not carried out.
   */
  @Override
  protected int runRemote(RemoteServer server) {
    long backup = Ids.parse("backup", id);
    RemoteOperations operations = new RemoteOperations(server);
    Job job = JobFollower.follow(operations, RemoteServer.read(server.post("/api/v1/backups/" + backup + "/verify",
        Remote.body("node", node, "jobs", jobs == 0 ? null : jobs)), Job.class), progress(), err());
    String verified = operations.backup(backup).verification();
    if (json()) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("job", job);
      fields.put("verification", verified);
      printJson(RemoteServer.tree(fields));
    } else {
      print(JobText.details(job).add("Verified", verified));
    }
    return job.state() != JobState.SUCCEEDED ? ExitCode.FAILURE
        : verified.startsWith(VerificationStatus.PASSED.name()) ? ExitCode.OK : ExitCode.DAMAGE;
  }

  @Override
  protected boolean derivesAKey() {
    return true;
  }

  @Override
  protected int run(Coffer coffer) {
    if (jobs < 0) {
      throw new io.coffer.catalog.CatalogValidationException("jobs", jobs, "a whole number ≥ 1, or 0 for the default");
    }
    VerifyOrder order = VerifyOrder.of(Ids.parse("backup", id)).onNode(node).jobs(jobs);
    Verification verification = coffer.verifications().run(order,
        VerificationText.listener(out(), err(), machineReadable()), progress());
    if (json()) {
      printJson(VerificationText.fields(verification));
    } else {
      say(VerificationText.summary(verification));
    }
    return exitCode(verification);
  }

  static int exitCode(Verification verification) {
    return switch (verification.status()) {
      case PASSED -> ExitCode.OK;
      case FAILED -> ExitCode.DAMAGE;
      default -> ExitCode.FAILURE;
    };
  }
}
