package io.coffer.engine.restore;

import io.coffer.engine.backup.ReportStream;
import io.coffer.repo.BackupReader;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.manifest.Entry;
import io.coffer.repo.manifest.Manifest;
import io.coffer.source.StreamSource;
import io.coffer.engine.run.RunControl;
import io.coffer.engine.run.Stoppable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * The drivers' {@link StreamSource} over one backup in a volume. Each opened stream is filled by
 * its own thread reading the volume ({@link BackupReader#open(Entry, ProgressListener)}); a failure there (a damaged pack, a lost connection) is handed
 * to the reader at the end of the stream as an {@link IOException} with the cause, never as a
 * silently short stream. A stream fails its next read once the run is aborted.
 */
final class VolumeSource implements StreamSource {

  private final BackupReader reader;
  private final String manifestId;
  private final Manifest manifest;
  private final ProgressListener progress;
  private final RunControl control;

  VolumeSource(BackupReader reader, String manifestId, Manifest manifest, ProgressListener progress,
      RunControl control) {
    this.reader = reader;
    this.manifestId = manifestId;
    this.manifest = manifest;
    this.progress = progress;
    this.control = control;
  }

  @Override
  public List<String> names() {
    return manifest.entries().stream().filter(e -> !e.isTree()).map(Entry::name)
        .filter(name -> !name.equals(ReportStream.NAME)).sorted().toList();
  }

  @Override
  public InputStream open(String name) throws IOException {
    Entry entry = manifest.entry(name);
    if (entry == null || entry.isTree()) {
      throw new NoSuchFileException(name, null, "backup " + manifestId.substring(0, 12) + " has no such stream");
    }
    control.checkpoint();
    return Stoppable.input(reader.open(entry, progress), control);
  }
}
