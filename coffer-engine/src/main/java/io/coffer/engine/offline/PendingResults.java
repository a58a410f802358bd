package io.coffer.engine.offline;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.CatalogException;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.backup.BackupStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Results of backups that ended while the catalog was unreachable, one JSON file each in {@code
 * $COFFER_HOME/pending}, and their replay into the catalog once it is reachable again.
 *
 * <p>Replay is idempotent per file: a file is deleted only after the catalog committed its record,
 * and a backup already recorded with the same manifest is recognised and not recorded twice. A file
 * the catalog refuses for good (its node was removed meanwhile) is renamed {@code *.rejected} with
 * the reason beside it, so it neither blocks the others nor is lost.
 */
public final class PendingResults {

  private static final Logger LOG = LoggerFactory.getLogger(PendingResults.class);
  private static final String SUFFIX = ".json";

  private final Path directory;

  public PendingResults(Path directory) {
    this.directory = directory;
  }

  /** What a replay did. */
  public record Replay(List<Backup> recorded, List<Path> rejected, List<Path> remaining) {

    public boolean isEmpty() {
      return recorded.isEmpty() && rejected.isEmpty() && remaining.isEmpty();
    }
  }

  public Path directory() {
    return directory;
  }

  /** Writes the result; the file name sorts by start time so that replay keeps the order. */
  public Path save(PendingBackup backup) throws IOException {
    Path file = directory.resolve("backup-" + backup.startedAt().toEpochMilli() + "-" + UUID.randomUUID() + SUFFIX);
    JsonFiles.write(file, backup);
    return file;
  }

  /** The pending files, oldest first. */
  public List<Path> list() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().startsWith("backup-"))
          .filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    } catch (IOException e) {
      LOG.warn("cannot list pending results in {}: {}", directory, e.getMessage());
      return List.of();
    }
  }

  /** Records every pending result in the catalog; stops at the first sign that it is unreachable. */
  public Replay replay(Catalog catalog) {
    List<Backup> recorded = new ArrayList<>();
    List<Path> rejected = new ArrayList<>();
    List<Path> files = list();
    int done = 0;
    for (Path file : files) {
      try {
        PendingBackup pending = JsonFiles.read(file, PendingBackup.class);
        recorded.add(record(catalog, pending));
        Files.delete(file);
      } catch (CatalogValidationException | IOException e) {
        rejected.add(reject(file, e.getMessage()));
      } catch (CatalogException e) {
        LOG.warn("the catalog failed while replaying {}: {}", file, e.getMessage());
        break;
      }
      done++;
    }
    return new Replay(recorded, rejected, files.subList(done, files.size()));
  }

  private static Backup record(Catalog catalog, PendingBackup pending) {
    Optional<Backup> existing = alreadyRecorded(catalog, pending);
    if (existing.isPresent()) {
      return existing.get();
    }
    return recordEnded(catalog, pending);
  }

  /**
   * Records a backup that ended: finishes its RUNNING row if it has one, else inserts it whole. An
   * incremental whose parent is not known is hung from the newest lower level backup of its
   * definition (or node) before it, or recorded at level 0 when there is none. Also how a catalog
   * rebuilt from a volume records what the volume holds.
   */
  public static Backup recordEnded(Catalog catalog, PendingBackup pending) {
    if (pending.backupId() != null) {
      Backup row = catalog.backups().show(pending.backupId());
      if (row.status() == BackupStatus.RUNNING) {
        return catalog.backups().finish(row.id(), pending.result());
      }
    }
    if (pending.level() > 0 && pending.parentId() == null) {
      Long parent = parent(catalog, pending);
      if (parent == null) {
        // Its content is complete in the volume; only the chain it would hang from is gone.
        return catalog.backups().record(pending.start(0, null), pending.result());
      }
      return catalog.backups().record(pending.start(pending.level(), parent), pending.result());
    }
    return catalog.backups().record(pending.start(), pending.result());
  }

  private static Optional<Backup> alreadyRecorded(Catalog catalog, PendingBackup pending) {
    if (pending.manifestId() == null) {
      return Optional.empty();
    }
    return catalog.backups().list(BackupFilter.newest().node(pending.node()).since(pending.startedAt()).limit(1000))
        .stream().filter(b -> pending.manifestId().equals(b.manifestId())).findFirst();
  }

  private static Long parent(Catalog catalog, PendingBackup pending) {
    if (pending.definitionId() != null) {
      return catalog.backups().parentFor(pending.definitionId(), pending.level()).map(Backup::id).orElse(null);
    }
    return catalog.backups().list(BackupFilter.newest().node(pending.node()).status(BackupStatus.SUCCEEDED))
        .stream().filter(b -> b.level() < pending.level() && b.startedAt().isBefore(pending.startedAt()))
        .findFirst().map(Backup::id).orElse(null);
  }

  private static Path reject(Path file, String reason) {
    Path rejected = file.resolveSibling(file.getFileName() + ".rejected");
    try {
      Files.move(file, rejected);
      Files.writeString(file.resolveSibling(file.getFileName() + ".reason"), reason + System.lineSeparator());
      LOG.warn("the catalog refused the pending result {}: {}", file, reason);
      return rejected;
    } catch (IOException e) {
      LOG.warn("cannot set aside the refused pending result {}: {}", file, e.getMessage());
      return file;
    }
  }
}
