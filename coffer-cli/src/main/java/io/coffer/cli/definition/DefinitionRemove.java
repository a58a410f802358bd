package io.coffer.cli.definition;

import io.coffer.cli.session.DestructiveCommand;
import io.coffer.cli.session.Question;
import io.coffer.engine.Coffer;
import io.coffer.engine.backup.BackupService;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer definition remove ID [--force]}. */
@Command(name = "remove", description = {"Remove a definition.",
    "One with backups needs --force, which also forgets its backups in their volume (their data goes at the",
    "next volume prune)."})
final class DefinitionRemove extends DestructiveCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Id of the definition.")
  String id;

  @Option(names = "--force", description = "Remove it with its backups, forgetting them in the volume.")
  boolean force;


  @Override
  protected List<Question> questions() {
    return List.of(Question.required("Definition id", "#0", () -> id, v -> id = v));
  }

  @Override
  protected String action() {
    return "remove definition " + id + (force ? " and forget all its backups" : "") + "";
  }

  @Override
  protected int run(Coffer coffer) {
    BackupService.Deletion deletion = coffer.definitions().remove(Ids.parse("definition", id), force);
    return Removals.report(out(), err(), "definition " + id, deletion);
  }
}
