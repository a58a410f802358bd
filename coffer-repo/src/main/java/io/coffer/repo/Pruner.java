package io.coffer.repo;

import io.coffer.repo.backend.FileInfo;
import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.Handle;
import io.coffer.repo.backend.LocalBackend;
import io.coffer.repo.compress.Codec;
import io.coffer.repo.index.IndexFile;
import io.coffer.repo.index.MasterIndex;
import io.coffer.repo.index.PackRecord;
import io.coffer.repo.manifest.Manifest;
import io.coffer.repo.pack.PackReader;
import io.coffer.repo.pack.SegmentInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Removes what no backup references (docs/repository-format.md, "Prune"), under the exclusive lock.
 *
 * <p>Memory: the compact index (mapped, outside the heap) plus, on the heap, one bit per blob
 * (liveness), 4 bytes per blob while index files are rewritten (records in pack order) and a few
 * longs per pack; manifests are walked one at a time and tree blobs already marked are not walked
 * again. Order of effects: new
 * packs (repack) → new index files → old index files removed → dropped packs removed → leftovers. A
 * crash at any point leaves every referenced blob reachable through an index entry whose pack exists.
 *
 * <p>A live {@link BlobType#DELTA} blob keeps the blobs its segment was encoded against live: the
 * segments of live delta blobs are read (they hold only changes, so they are small) for their lists
 * of references. Repacking decodes a delta blob and stores it whole, as a plain data blob.
 */
final class Pruner {

  private final Volume volume;
  private final double repackBelow;
  private final Set<String> asIfForgotten;
  private final ProgressListener progress;

  /** {@code asIfForgotten}: manifests a dry run treats as gone (see {@link Maintenance#prune}). */
  Pruner(Volume volume, double repackBelow, Set<String> asIfForgotten, ProgressListener progress) {
    this.volume = volume;
    this.repackBelow = repackBelow;
    this.asIfForgotten = asIfForgotten;
    this.progress = progress;
  }

  PruneReport run(boolean dryRun) throws IOException {
    try (MasterIndex index = volume.newIndex()) {
      return run(dryRun, index);
    }
  }

  private PruneReport run(boolean dryRun, MasterIndex index) throws IOException {
    List<FileInfo> oldIndexFiles = volume.backend().list(FileType.INDEX);
    for (FileInfo f : oldIndexFiles) {
      index.addIndexFile(volume.files.load(FileType.INDEX, f.handle().name()));
    }
    long[] live = markLive(index);
    int packs = index.packCount();
    long[] total = new long[packs];
    long[] liveBytes = new long[packs];
    long[] dead = new long[packs];
    for (int r = 0; r < index.blobCount(); r++) {
      int p = index.packNumber(r);
      int len = index.location(r).length();
      total[p] += len;
      if (isLive(live, r)) {
        liveBytes[p] += len;
      } else {
        dead[p]++;
      }
    }
    Set<Integer> drop = new HashSet<>();
    List<Integer> repack = new ArrayList<>();
    long bytesFreed = 0;
    long bytesRepacked = 0;
    for (int p = 0; p < packs; p++) {
      if (liveBytes[p] == 0) {
        drop.add(p);
        bytesFreed += index.packSize(index.packName(p));
      } else if (liveBytes[p] < total[p] && liveBytes[p] < repackBelow * total[p]) {
        drop.add(p);
        repack.add(p);
        bytesRepacked += liveBytes[p];
        bytesFreed += index.packSize(index.packName(p));
      }
    }
    // Only blobs in packs that go away are removed; dead blobs in mostly-live packs stay until repacked.
    long deadBlobs = drop.stream().mapToLong(p -> dead[p]).sum();
    Set<String> indexed = new HashSet<>(index.packs());
    List<FileInfo> leftovers = volume.backend().list(FileType.PACK).stream().filter(f -> !indexed.contains(f.handle().name())).toList();
    if (dryRun) {
      return new PruneReport(true, drop.size() - repack.size(), repack.size(), deadBlobs, bytesFreed, bytesRepacked, drop.isEmpty() ? 0 : oldIndexFiles.size(), leftovers.size());
    }
    List<PackRecord> repacked = repack(index, live, repack);
    // Index files are rewritten only when packs go away: an idle prune changes nothing on S3.
    int replaced = drop.isEmpty() ? 0 : oldIndexFiles.size();
    if (!drop.isEmpty()) {
      IndexFile.Builder builder = new IndexFile.Builder(volume.format);
      writeKept(index, drop, builder);
      repacked.forEach(builder::add);
      Set<String> written = new HashSet<>();
      for (byte[] plain : builder.finish()) {
        written.add(volume.files.save(FileType.INDEX, plain));
      }
      for (FileInfo f : oldIndexFiles) {
        if (!written.contains(f.handle().name())) {
          volume.backend().remove(f.handle());
        }
      }
    }
    progress.start("delete packs", drop.size() + leftovers.size(), "packs");
    for (int p : drop) {
      volume.backend().remove(new Handle(FileType.PACK, index.packName(p)));
      progress.advance(1);
    }
    Set<String> repackedNames = new HashSet<>();
    repacked.forEach(r -> repackedNames.add(r.name()));
    int leftoversRemoved = 0;
    for (FileInfo f : leftovers) {
      if (!repackedNames.contains(f.handle().name())) {
        volume.backend().remove(f.handle());
        leftoversRemoved++;
      }
      progress.advance(1);
    }
    if (volume.backend() instanceof LocalBackend local) {
      leftoversRemoved += local.removeTemporaryFiles();
    }
    progress.done();
    volume.reloadIndex();
    return new PruneReport(false, drop.size() - repack.size(), repack.size(), deadBlobs, bytesFreed, bytesRepacked, replaced, leftoversRemoved);
  }

  private long[] markLive(MasterIndex index) throws IOException {
    long[] live = new long[(index.blobCount() + 63) / 64];
    ReferenceWalker walker = new ReferenceWalker(new BlobReader(volume, index));
    List<FileInfo> manifests = volume.backend().list(FileType.BACKUP);
    progress.start("mark live blobs", manifests.size(), "backups");
    for (FileInfo f : manifests) {
      String id = f.handle().name();
      if (asIfForgotten.contains(id)) {
        progress.advance(1);
        continue;
      }
      Manifest m = Json.read(volume.files.load(FileType.BACKUP, id), Manifest.class, "backups/" + id);
      walker.walk(
          m,
          new ReferenceWalker.Visitor() {
            @Override
            public void data(BlobId blob) {
              mark(blob);
            }

            @Override
            public boolean meta(BlobId blob) {
              return mark(blob);
            }

            /** Sets the bit; true when it was not set yet. */
            private boolean mark(BlobId blob) {
              int r = index.record(blob.toBytes(), 0);
              if (r < 0) {
                throw new VolumeException(
                    "backup " + id.substring(0, 12) + " references blob " + blob.hex() + " which no index names; nothing was deleted. Run `coffer volume check`, then `coffer volume repair-index`");
              }
              boolean fresh = !isLive(live, r);
              live[r >>> 6] |= 1L << r;
              return fresh;
            }
          });
      progress.advance(1);
    }
    markReferences(index, live);
    progress.done();
    return live;
  }

  /**
   * Marks what live delta blobs' segments were encoded against, and (should a reference be a delta
   * blob, which writers avoid) what those were, until nothing new is marked.
   */
  private void markReferences(MasterIndex index, long[] live) throws IOException {
    ReferenceLists lists = new ReferenceLists(volume);
    long[] read = new long[live.length];
    boolean[] more = {true};
    while (more[0]) {
      more[0] = false;
      lists.forEach(index, r -> {
        boolean fresh = isLive(live, r) && !isLive(read, r);
        read[r >>> 6] |= fresh ? 1L << r : 0;
        return fresh;
      }, (l, refs) -> {
        for (BlobId ref : refs) {
          int r = index.record(ref.toBytes(), 0);
          if (r < 0) {
            throw new VolumeException("pack " + l.pack() + " was encoded against blob " + ref.hex()
                + " which no index names; nothing was deleted. Run `coffer volume check`, then `coffer volume repair-index`");
          }
          if (!isLive(live, r)) {
            live[r >>> 6] |= 1L << r;
            more[0] |= index.type(r) == BlobType.DELTA;
          }
        }
      });
    }
  }

  /** Copies the live blobs of the given packs into new packs; returns their records. */
  private List<PackRecord> repack(MasterIndex index, long[] live, List<Integer> packs) throws IOException {
    if (packs.isEmpty()) {
      return List.of();
    }
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService workers = Threads.pool(threads, "coffer-repack");
    MasterIndex nothingShared = volume.newIndex();
    BlobStore store = new BlobStore(volume, nothingShared, workers, threads);
    BlobReader references = new BlobReader(volume, index);
    progress.start("repack", packs.size(), "packs");
    try {
      for (int p : packs) {
        String name = index.packName(p);
        byte[] bytes = volume.backend().load(new Handle(FileType.PACK, name));
        for (SegmentInfo s : PackReader.header(bytes, volume.sealer, volume.format, name)) {
          byte[] plain = Codec.decode(volume.sealer.open(bytes, (int) s.offset(), s.storedLength()), references::references);
          int at = 0;
          for (int i = 0; i < s.blobCount(); i++) {
            int len = s.lengths()[i];
            int r = index.record(s.ids(), s.idOffset(i));
            if (r >= 0 && isLive(live, r) && index.packNumber(r) == p) {
              BlobId id = s.id(i);
              if (!volume.hasher.hash(plain, at, len).equals(id)) {
                throw new CorruptDataException("pack " + name + ": blob " + id + " does not match its id; nothing was deleted");
              }
              store.store(s.type() == BlobType.DELTA ? BlobType.DATA : s.type(), id, plain, at, len);
            }
            at += len;
          }
        }
        progress.advance(1);
      }
      return store.flush();
    } finally {
      store.shutdown();
      workers.shutdownNow();
      nothingShared.close();
      progress.done();
    }
  }

  /** Index entries for every pack that stays, grouped by pack. */
  private static void writeKept(MasterIndex index, Set<Integer> drop, IndexFile.Builder builder) {
    int packs = index.packCount();
    int n = index.blobCount();
    int[] start = new int[packs + 1];
    for (int r = 0; r < n; r++) {
      start[index.packNumber(r) + 1]++;
    }
    for (int p = 0; p < packs; p++) {
      start[p + 1] += start[p];
    }
    int[] order = new int[n];
    int[] fill = start.clone();
    for (int r = 0; r < n; r++) {
      order[fill[index.packNumber(r)]++] = r;
    }
    byte[] id = new byte[BlobId.MAX_LENGTH];
    for (int p = 0; p < packs; p++) {
      if (drop.contains(p) || start[p] == start[p + 1]) {
        continue;
      }
      String name = index.packName(p);
      builder.pack(name, index.packSize(name));
      for (int i = start[p]; i < start[p + 1]; i++) {
        int r = order[i];
        index.copyId(r, id);
        var l = index.location(r);
        builder.entry(id, 0, l.type().code(), l.segmentOffset(), l.segmentLength(), l.offsetInSegment(), l.length());
      }
    }
  }

  private static boolean isLive(long[] live, int r) {
    return (live[r >>> 6] & (1L << r)) != 0;
  }
}
