package io.coffer.repo;

import io.coffer.repo.backend.FileInfo;
import io.coffer.repo.backend.FileType;
import io.coffer.repo.index.IndexFile;
import io.coffer.repo.index.PackRecord;
import io.coffer.repo.pack.PackReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rebuilds every index file from pack headers alone (packs are self-describing), under the exclusive
 * lock. New index files are written before old ones are removed, so a crash leaves both.
 */
final class IndexRepairer {

  private final Volume volume;
  private final ProgressListener progress;

  IndexRepairer(Volume volume, ProgressListener progress) {
    this.volume = volume;
    this.progress = progress;
  }

  RepairReport run() throws IOException {
    List<FileInfo> oldIndexes = volume.backend().list(FileType.INDEX);
    List<FileInfo> packs = volume.backend().list(FileType.PACK);
    List<PackRecord> records = new ArrayList<>();
    List<String> damaged = new ArrayList<>();
    progress.start("read pack headers", packs.size(), "packs");
    for (FileInfo f : packs) {
      try {
        records.add(new PackRecord(f.handle().name(), f.size(), PackReader.header(volume.backend(), f.handle(), volume.sealer, volume.format)));
      } catch (CorruptDataException e) {
        damaged.add(f.handle().path() + ": " + e.getMessage());
      }
      progress.advance(1);
    }
    progress.done();
    Set<String> written = new HashSet<>();
    for (byte[] plain : IndexFile.encode(volume.format, records)) {
      written.add(volume.files.save(FileType.INDEX, plain));
    }
    int removed = 0;
    for (FileInfo f : oldIndexes) {
      if (!written.contains(f.handle().name())) {
        volume.backend().remove(f.handle());
        removed++;
      }
    }
    volume.reloadIndex();
    long blobs = records.stream().mapToLong(PackRecord::blobCount).sum();
    return new RepairReport(records.size(), blobs, written.size(), removed, damaged);
  }
}
