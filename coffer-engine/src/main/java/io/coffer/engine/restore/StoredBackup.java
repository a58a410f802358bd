package io.coffer.engine.restore;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.backup.Backup;
import io.coffer.engine.EngineException;
import io.coffer.engine.backup.BackupService;
import io.coffer.engine.run.RunControl;
import io.coffer.engine.volume.VolumeOpener;
import io.coffer.repo.BackupReader;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.Volume;
import io.coffer.repo.manifest.Manifest;
import io.coffer.source.BackupReport;
import io.coffer.source.StreamSource;
import java.io.IOException;

/**
 * A backup as its volume holds it: the manifest and the driver's report, which is what a driver
 * needs to write the backup back (restore, verification). The volume stays open with the engine.
 */
public final class StoredBackup {

  private final Backup backup;
  private final Volume volume;
  private final Manifest manifest;
  private final BackupReport report;

  private StoredBackup(Backup backup, Volume volume, Manifest manifest, BackupReport report) {
    this.backup = backup;
    this.volume = volume;
    this.manifest = manifest;
    this.report = report;
  }

  /** Reads the manifest and report of a backup from its volume; fails naming the backup and volume. */
  public static StoredBackup read(Catalog catalog, VolumeOpener volumes, Backup backup) {
    Volume volume = volumes.open(catalog.volumes().show(backup.volume()).location());
    try {
      Manifest manifest = volume.manifest(backup.manifestId());
      BackupReport report = BackupService.report(volume, backup.manifestId(), manifest).orElseThrow(
          () -> new EngineException("backup " + backup.id() + " has no report in its volume, so its driver cannot"
              + " restore it"));
      return new StoredBackup(backup, volume, manifest, report);
    } catch (IOException e) {
      throw new EngineException("cannot read backup " + backup.id() + " in volume " + backup.volume() + ": "
          + e.getMessage(), e);
    }
  }

  public BackupReport report() {
    return report;
  }

  /** The backup's manifest: its entries (streams and trees) and tags. */
  public Manifest manifest() {
    return manifest;
  }

  public long backupId() {
    return backup.id();
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
    return new VolumeSource(reader, backup.manifestId(), manifest, progress, control);
  }
}
