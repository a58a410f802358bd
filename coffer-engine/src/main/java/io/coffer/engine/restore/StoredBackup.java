package io.coffer.engine.restore;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.backup.Backup;
import io.coffer.engine.EngineException;
import io.coffer.engine.backup.BackupService;
import io.coffer.engine.run.RunControl;
import io.coffer.engine.volume.VolumeOpener;
import io.coffer.repo.BackupReader;
import io.coffer.repo.HotPaths;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.Volume;
import io.coffer.repo.VolumeException;
import io.coffer.repo.manifest.Manifest;
import io.coffer.source.BackupReport;
import io.coffer.source.PhysicalChain;
import io.coffer.source.PhysicalReport;
import io.coffer.source.StreamSource;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A backup as its volume holds it: the manifest and the driver's report, which is what a driver
 * needs to write the backup back (restore, verification). The volume stays open with the engine.
 */
public final class StoredBackup {

  private final long backupId;
  private final String manifestId;
  private final String volumeName;
  private final Volume volume;
  private final Manifest manifest;
  private final BackupReport report;

  private StoredBackup(long backupId, String manifestId, String volumeName, Volume volume, Manifest manifest,
      BackupReport report) {
    this.backupId = backupId;
    this.manifestId = manifestId;
    this.volumeName = volumeName;
    this.volume = volume;
    this.manifest = manifest;
    this.report = report;
  }

  /** Reads the manifest and report of a backup from its volume; fails naming the backup and volume. */
  public static StoredBackup read(Catalog catalog, VolumeOpener volumes, Backup backup) {
    Volume volume = volumes.open(catalog.volumes().show(backup.volume()).location(), HotPaths.READING);
    try {
      Manifest manifest = volume.manifest(backup.manifestId());
      return new StoredBackup(backup.id(), backup.manifestId(), backup.volume(), volume, manifest,
          report(volume, backup.id(), backup.manifestId(), manifest));
    } catch (IOException e) {
      throw new EngineException("cannot read backup " + backup.id() + " in volume " + backup.volume() + ": "
          + e.getMessage(), e);
    }
  }

  private static BackupReport report(Volume volume, long backupId, String manifestId, Manifest manifest)
      throws IOException {
    return BackupService.report(volume, manifestId, manifest).orElseThrow(() -> new EngineException("backup "
        + backupId + " has no report in its volume, so its driver cannot restore it"));
  }

  /**
   * The PHYSICAL backups a restore of this one writes, full copy first: this one alone, or for an
   * increment the backups its report names, each on the one before, down to a full copy. They are
   * read from this backup's volume by their manifests, as the volume is the truth (a catalog rebuilt
   * from it knows no parents). A base the volume no longer holds breaks the chain: refused before
   * anything is written.
   */
  public List<StoredBackup> chain() {
    List<StoredBackup> chain = new ArrayList<>(List.of(this));
    Set<String> seen = new HashSet<>(Set.of(manifestId));
    StoredBackup current = this;
    while (current.report.physical() != null && current.report.physical().baseManifest().isPresent()) {
      PhysicalReport physical = current.report.physical();
      String base = physical.baseManifest().get();
      String baseId = physical.detail(PhysicalReport.INCREMENT_OF_BACKUP);
      String broken = "backup " + current.backupId + " is an increment on backup " + baseId + " (manifest " + base
          + ")";
      if (!seen.add(base)) {
        throw new EngineException(broken + ", which is already in its chain: the chain loops; nothing was written");
      }
      long id = parseId(baseId);
      try {
        Manifest manifest = volume.manifest(base);
        current = new StoredBackup(id, base, volumeName, volume, manifest, report(volume, id, base, manifest));
      } catch (NoSuchFileException | VolumeException e) {
        throw new EngineException(broken + ", which volume " + volumeName + " no longer holds: the chain of backup "
            + backupId + " is broken and it cannot be restored; nothing was written", e);
      } catch (IOException e) {
        throw new EngineException(broken + ", which cannot be read in volume " + volumeName + ": " + e.getMessage()
            + "; nothing was written", e);
      }
      chain.add(0, current);
    }
    return List.copyOf(chain);
  }

  private static long parseId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException | NullPointerException e) {
      return -1;
    }
  }

  /** A chain's streams for a PHYSICAL driver, read through {@code reader} over their one volume. */
  public static PhysicalChain physicalChain(List<StoredBackup> chain, BackupReader reader, ProgressListener progress,
      RunControl control) {
    return new PhysicalChain(chain.stream().map(b -> new PhysicalChain.Link("backup " + b.backupId,
        b.report.physical(), b.streams(reader, progress, control))).toList());
  }

  /** The bytes of a chain's streams, which a restore writes at once (the increments beside the target). */
  public static long bytes(List<StoredBackup> chain) {
    return chain.stream().mapToLong(b -> b.report.totalBytes()).sum();
  }

  public BackupReport report() {
    return report;
  }

  /** The backup's manifest: its entries (streams and trees) and tags. */
  public Manifest manifest() {
    return manifest;
  }

  public long backupId() {
    return backupId;
  }

  /** A reader over the volume; close it when the restore is done. */
  public BackupReader reader() throws IOException {
    return volume.reader();
  }

  /** The backup's streams for a driver, read through {@code reader}, counted on {@code progress}. */
  public StreamSource streams(BackupReader reader, ProgressListener progress) {
    return streams(reader, progress, RunControl.NONE);
  }

  /** Like {@link #streams(BackupReader, ProgressListener)}, failing their reads once {@code control} aborts. */
  public StreamSource streams(BackupReader reader, ProgressListener progress, RunControl control) {
    return new VolumeSource(reader, manifestId, manifest, progress, control);
  }
}
