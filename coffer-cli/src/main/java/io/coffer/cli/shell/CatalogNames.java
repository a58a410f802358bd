package io.coffer.cli.shell;

import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.definition.DefinitionFilter;
import io.coffer.engine.Coffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completes the names the catalog holds where a command expects one: after {@code --node}, {@code
 * --agent}, {@code --volume}, and as the first parameter of {@code node show}, {@code backup show}
 * and the like. Reads the catalog at each completion, so new names appear at once; without a
 * reachable catalog it completes nothing.
 */
final class CatalogNames implements Completer {

  private enum Sort {
    NODE,
    AGENT,
    VOLUME,
    DEFINITION,
    ONEOFF,
    BACKUP,
    RESTORE,
    SCHEDULED_RESTORE
  }

  private static final Map<String, Sort> OPTIONS = Map.of(
      "--node", Sort.NODE, "--target-node", Sort.NODE, "--on-node", Sort.NODE, "--agent", Sort.AGENT, "--volume", Sort.VOLUME,
      "--definition", Sort.DEFINITION);

  private static final Set<String> VERBS_WITH_A_NAME = Set.of(
      "show", "update", "remove", "databases", "delete", "contents", "run", "move", "ls", "check", "stats", "cat",
      "prune", "forget", "unlock", "repair-index", "scheduled", "verify");

  private final Coffer coffer;

  CatalogNames(Coffer coffer) {
    this.coffer = coffer;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> words = line.words();
    int index = line.wordIndex();
    Optional<Sort> sort = Optional.empty();
    if (index >= 1 && OPTIONS.containsKey(words.get(index - 1))) {
      sort = Optional.of(OPTIONS.get(words.get(index - 1)));
    } else if (index == 2 && (VERBS_WITH_A_NAME.contains(words.get(1)) || words.get(0).equals("restore"))) {
      sort = positional(words.get(0), words.get(1));
    }
    sort.ifPresent(s -> names(s).forEach(name -> candidates.add(new Candidate(name))));
  }

  private static Optional<Sort> positional(String noun, String verb) {
    return switch (noun) {
      case "node" -> Optional.of(Sort.NODE);
      case "agent" -> Optional.of(Sort.AGENT);
      case "volume" -> Optional.of(Sort.VOLUME);
      case "definition" -> Optional.of(Sort.DEFINITION);
      case "oneoff" -> Optional.of(Sort.ONEOFF);
      case "backup" -> Optional.of(verb.equals("run") ? Sort.DEFINITION : Sort.BACKUP);
      case "restore" -> switch (verb) {
        case "run", "add" -> Optional.of(Sort.BACKUP);
        case "scheduled", "remove" -> Optional.of(Sort.SCHEDULED_RESTORE);
        case "show" -> Optional.of(Sort.RESTORE);
        default -> Optional.empty();
      };
      default -> Optional.empty();
    };
  }

  private List<String> names(Sort sort) {
    // Completing a word never waits for, nor complains about, a catalog that is away.
    if (coffer.catalogLink().reachable().isEmpty()) {
      return List.of();
    }
    return switch (sort) {
      case NODE -> coffer.nodes().list().stream().map(n -> n.name()).toList();
      case AGENT -> coffer.agents().list().stream().map(a -> a.name()).toList();
      case VOLUME -> coffer.volumes().list().stream().map(v -> v.name()).toList();
      case DEFINITION -> coffer.definitions().list(DefinitionFilter.all()).stream().map(d -> Long.toString(d.id()))
          .toList();
      case ONEOFF -> coffer.definitions().oneoffs().stream().map(o -> Long.toString(o.id())).toList();
      case BACKUP -> coffer.backups().list(BackupFilter.newest()).stream().map(b -> Long.toString(b.id())).toList();
      case RESTORE -> coffer.restoreRecords().list(100).stream().map(r -> Long.toString(r.id())).toList();
      case SCHEDULED_RESTORE -> coffer.restoreRecords().scheduled().stream().map(d -> Long.toString(d.id())).toList();
    };
  }
}
