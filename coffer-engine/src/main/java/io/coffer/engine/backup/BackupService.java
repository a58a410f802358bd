package io.coffer.engine.backup;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.backup.BackupTotals;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.backup.ForgottenBackup;
import io.coffer.catalog.backup.Removal;
import io.coffer.catalog.backup.StatsScope;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.EngineException;
import io.coffer.engine.node.Drivers;
import io.coffer.engine.offline.LocalCache;
import io.coffer.engine.offline.PendingResults;
import io.coffer.engine.run.RunControl;
import io.coffer.engine.volume.VolumeOpener;
import io.coffer.repo.BackupReader;
import io.coffer.repo.HotPaths;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.manifest.Entry;
import io.coffer.repo.manifest.Manifest;
import io.coffer.source.BackupReport;
import io.coffer.source.SourceListener;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import io.coffer.source.quiesce.Tools;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Backups: list them, run one now, look into one, delete one (from the catalog and its volume). */
public final class BackupService {

  private final CatalogLink link;
  private final VolumeOpener volumes;
  private final PlanResolver resolver;
  private final BackupRunner runner;

  /** @param quiesceState where FILES backups note start and post commands a killed process left pending */
  public BackupService(CatalogLink link, LocalCache cache, PendingResults pending, VolumeOpener volumes,
      Drivers drivers, String agent, Optional<String> defaultVolume, int jobs, Path quiesceState) {
    this.link = link;
    this.volumes = volumes;
    this.resolver = new PlanResolver(link, cache, agent, defaultVolume);
    this.runner = new BackupRunner(drivers, volumes, new BackupRecorder(link, pending), jobs,
        new FilesCapture(quiesceState, Tools.system()), this::manifestOf);
  }

  /** The manifest of a backup the catalog knows, when it can be reached. */
  private Optional<String> manifestOf(long backupId) {
    try {
      return link.reachable().map(catalog -> catalog.backups().show(backupId).manifestId());
    } catch (io.coffer.catalog.CatalogException e) {
      return Optional.empty();
    }
  }

  /** The backups this filter selects, newest first. */
  public List<Backup> list(BackupFilter filter) {
    return link.required().backups().list(filter);
  }

  public Backup show(long id) {
    return link.required().backups().show(id);
  }

  /** Counts, sizes and durations of the backups in a scope (everything, a node, a definition…). */
  public BackupTotals stats(StatsScope scope) {
    return link.required().backups().stats(scope);
  }

  /** Resolves an order without running it: what would be backed up, where, at which level. */
  public BackupPlan plan(BackupOrder order) {
    return resolver.plan(order);
  }

  /**
   * Runs a backup now. Returns how it ended when it succeeded; throws {@link BackupFailedException}
   * (after recording FAILED) when it failed, and refuses bad input before recording anything.
   */
  public BackupOutcome run(BackupOrder order, ProgressListener progress, SourceListener listener) {
    return run(order, progress, listener, RunControl.NONE);
  }

  /**
   * Like {@link #run(BackupOrder, ProgressListener, SourceListener)}, under a control that can abort
   * it: an aborted backup commits no manifest, is recorded ABORTED and thrown as a {@link
   * BackupFailedException} whose outcome says so.
   */
  public BackupOutcome run(BackupOrder order, ProgressListener progress, SourceListener listener, RunControl control) {
    openVolumeAhead(order);
    return run(resolver.plan(order), progress, listener, control);
  }

  /**
   * Starts opening the order's volume now, before the catalog is opened and the order planned, when
   * the local cache knows where that volume is (any earlier backup into it put it there). Deriving
   * its key (Argon2id, a few hundred ms of one core) then runs beside the catalog's start and the
   * plan instead of after them: about a third of a small database's backup. A cache that is out of
   * date costs one opening nobody uses; the run opens the volume the plan names, as before.
   */
  public void openVolumeAhead(BackupOrder order) {
    resolver.cachedVolume(order).ifPresent(volume -> volumes.openAhead(volume.location(), HotPaths.NONE));
  }

  /** Runs a backup planned with {@link #plan}, as {@link #run(BackupOrder, ProgressListener, SourceListener, RunControl)}. */
  public BackupOutcome run(BackupPlan plan, ProgressListener progress, SourceListener listener, RunControl control) {
    return runner.run(plan, progress, listener, control);
  }

  /**
   * The driver's report of a backup as the catalog keeps it (every stream with its size and
   * checksum, the members and their tables), without opening the volume; empty for a backup that
   * failed or was recorded without one.
   */
  public Optional<BackupReport> report(long id) {
    return link.required().backups().report(id).map(json -> {
      try {
        return ReportStream.decode(new ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new EngineException("the report of backup " + id + " in the catalog cannot be read: " + e.getMessage(), e);
      }
    });
  }

  /** What a backup holds: its manifest (every stream and size) and the driver's report. */
  public record Contents(Backup backup, Manifest manifest, Optional<BackupReport> report) {}

  public Contents contents(long id) {
    // The key derivation beside the catalog's start, as a restore does: a wrong guess costs an opening
    // nobody uses.
    resolver.onlyCachedVolume().ifPresent(volume -> volumes.openAhead(volume.location(), HotPaths.NONE));
    Catalog catalog = link.required();
    Backup backup = catalog.backups().show(id);
    if (backup.status() != BackupStatus.SUCCEEDED || backup.manifestId() == null) {
      throw new EngineException("backup " + id + " is " + backup.status() + ": there is nothing in a volume to show");
    }
    String location = catalog.volumes().show(backup.volume()).location();
    io.coffer.repo.Volume volume = volumes.open(location);
    try {
      Manifest manifest = volume.manifest(backup.manifestId());
      return new Contents(backup, manifest, report(volume, backup.manifestId(), manifest));
    } catch (IOException e) {
      throw new EngineException("cannot read backup " + id + " (manifest " + backup.manifestId() + ") in volume "
          + backup.volume() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Hears the files, directories and symlinks of a FILES or PHYSICAL backup's tree, parents before children
   * ({@link io.coffer.repo.manifest.Tree.Node}: type, mode, owner, size, mtime, symlink target).
   */
  @FunctionalInterface
  public interface TreeVisitor {
    void visit(String path, io.coffer.repo.manifest.Tree.Node node);
  }

  /**
   * Walks the tree of a FILES or PHYSICAL backup, or the file or directory {@code path} of it (null: all), as
   * {@code backup contents} lists it.
   */
  public void walkTree(long id, String path, TreeVisitor visitor) {
    Contents contents = contents(id);
    String treeName = contents.report().map(BackupReport::treeName).orElseThrow(() ->
        new io.coffer.catalog.CatalogValidationException("backup", id, "backup " + id + " is a "
            + contents.backup().kind() + " backup, which holds streams, not a directory tree",
            "a FILES or PHYSICAL backup"));
    Entry tree = contents.manifest().entry(treeName);
    Catalog catalog = link.required();
    io.coffer.repo.Volume volume = volumes.open(catalog.volumes().show(contents.backup().volume()).location());
    try (BackupReader reader = volume.reader()) {
      reader.walk(tree, path, visitor::visit);
    } catch (IOException e) {
      throw new EngineException("cannot read the tree of backup " + id + ": " + e.getMessage(), e);
    } catch (io.coffer.repo.VolumeException e) {
      throw new io.coffer.catalog.CatalogValidationException("path", path, e.getMessage(),
          "a file or directory of the backup");
    }
  }

  /** The report a backup keeps in its volume; empty for backups not made by the engine. */
  public static Optional<BackupReport> report(io.coffer.repo.Volume volume, String manifestId, Manifest manifest)
      throws IOException {
    if (manifest.entry(ReportStream.NAME) == null) {
      return Optional.empty();
    }
    try (BackupReader reader = volume.reader()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      reader.cat(manifestId, ReportStream.NAME, bytes, ProgressListener.NONE);
      return Optional.of(ReportStream.decode(new ByteArrayInputStream(bytes.toByteArray())));
    }
  }

  /** What {@link #delete} did. */
  public record Deletion(Removal removal, List<String> forgotten, List<String> failures) {}

  /**
   * Removes a backup from the catalog (refused while incremental backups build on it), then forgets
   * its manifest in the volume. The data it alone referenced goes at the next {@code volume prune}.
   */
  public Deletion delete(long id) {
    return forget(link.required().backups().remove(id));
  }

  /** Forgets in their volumes the backups a catalog removal took out; says what failed, if anything. */
  public Deletion forget(Removal removal) {
    List<String> forgotten = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (ForgottenBackup backup : removal.backups()) {
      if (backup.manifestId() == null) {
        continue;
      }
      try {
        forgotten.addAll(volumes.open(backup.location()).forget(List.of(backup.manifestId())));
      } catch (IOException | UncheckedIOException | EngineException | io.coffer.repo.VolumeException e) {
        failures.add("backup " + backup.id() + ": forgetting manifest " + backup.manifestId() + " in volume "
            + backup.volume() + " failed (" + e.getMessage() + "); run: coffer volume forget " + backup.volume() + " "
            + backup.manifestId());
      }
    }
    return new Deletion(removal, forgotten, failures);
  }
}
