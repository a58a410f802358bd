package io.coffer.repo;

import io.coffer.repo.backend.FileInfo;
import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.Handle;
import io.coffer.repo.compress.Codec;
import io.coffer.repo.index.Location;
import io.coffer.repo.index.MasterIndex;
import io.coffer.repo.manifest.Manifest;
import io.coffer.repo.pack.PackReader;
import io.coffer.repo.pack.SegmentInfo;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Verifies a volume (docs/repository-format.md, "Check"): indexes open, indexed packs exist with
 * their recorded sizes, every referenced blob is indexed, every blob a segment was encoded against is
 * indexed in a sound pack; with {@code readData} every pack is read,
 * its name re-hashed, every segment opened and every blob re-hashed. Each damaged file is reported
 * with the backups that reference blobs in it. Runs under a shared lock, so backups may continue.
 */
final class Checker {

  /** Packs verified at once, at most (and no more than the cores). */
  private static final int THREADS = 4;
  /** The packs loaded at once together, at most (a larger pack is verified alone). */
  private static final long BYTES_AT_ONCE = 256L << 20;

  private final Volume volume;
  private final ProgressListener progress;
  private final Map<String, String> problems = new LinkedHashMap<>();
  private final Map<String, Set<String>> affected = new HashMap<>();

  Checker(Volume volume, ProgressListener progress) {
    this.volume = volume;
    this.progress = progress;
  }

  CheckReport run(boolean readData) throws IOException {
    try (MasterIndex index = volume.newIndex()) {
      return run(readData, index);
    }
  }

  private CheckReport run(boolean readData, MasterIndex index) throws IOException {
    for (FileInfo f : volume.backend().list(FileType.INDEX)) {
      try {
        index.addIndexFile(volume.files.load(FileType.INDEX, f.handle().name()));
      } catch (CorruptDataException e) {
        problem(f.handle().path(), e.getMessage());
      }
    }
    // By name: packs are read, and their damage reported, in one order whatever the backend lists.
    Map<String, Long> stored = new TreeMap<>();
    for (FileInfo f : volume.backend().list(FileType.PACK)) {
      stored.put(f.handle().name(), f.size());
    }
    Set<String> badPacks = new HashSet<>();
    for (String pack : index.packs()) {
      Long size = stored.get(pack);
      if (size == null) {
        badPacks.add(pack);
        problem(packPath(pack), "missing");
      } else if (size != index.packSize(pack)) {
        badPacks.add(pack);
        problem(packPath(pack), "has " + size + " bytes, the index says " + index.packSize(pack));
      }
    }
    List<String> unreferenced = new ArrayList<>(new TreeSet<>(stored.keySet()));
    unreferenced.removeIf(index::hasPack);
    BlobReader blobs = new BlobReader(volume, index);
    if (readData) {
      readPacks(index, stored, badPacks, blobs);
    }
    checkReferences(index, badPacks);
    List<FileInfo> manifests = volume.backend().list(FileType.BACKUP);
    ReferenceWalker walker = new ReferenceWalker(blobs);
    progress.start("check backups", manifests.size(), "backups");
    for (FileInfo f : manifests) {
      String id = f.handle().name();
      try {
        Manifest m = Json.read(volume.files.load(FileType.BACKUP, id), Manifest.class, "backups/" + id);
        walker.walk(m, new Marker(index, badPacks, id));
      } catch (CorruptDataException e) {
        problem(f.handle().path(), e.getMessage());
        affect(f.handle().path(), id);
      }
      progress.advance(1);
    }
    progress.done();
    List<CheckReport.Damage> damages = new ArrayList<>();
    problems.forEach((file, problem) -> damages.add(new CheckReport.Damage(file, problem, List.copyOf(new TreeSet<>(affected.getOrDefault(file, Set.of()))))));
    return new CheckReport(manifests.size(), index.packCount(), index.blobCount(), readData, damages, unreferenced);
  }

  /**
   * Reads and verifies the packs on as many threads as there are cores (at most {@link #THREADS}),
   * each pack loaded whole, as many at once as there are threads and no more than {@link
   * #BYTES_AT_ONCE} together (one at a time when a pack is larger): on one thread a check of the data
   * was bound to one core, decrypting, decompressing and hashing in turn. Results are taken in the
   * packs' order (their names'), so the report does not depend on which thread finished first.
   */
  private void readPacks(MasterIndex index, Map<String, Long> stored, Set<String> badPacks, BlobReader references) throws IOException {
    long total = stored.values().stream().mapToLong(Long::longValue).sum();
    progress.start("read data", total, "bytes");
    int threads = Math.max(1, Math.min(THREADS, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Threads.pool(threads, "coffer-check");
    try {
      Deque<Verifying> verifying = new ArrayDeque<>();
      long bytes = 0;
      for (String pack : stored.keySet()) {
        long size = stored.get(pack);
        if (!index.hasPack(pack) || badPacks.contains(pack)) {
          progress.advance(size);
          continue;
        }
        while (!verifying.isEmpty() && (verifying.size() >= threads || bytes + size > BYTES_AT_ONCE)) {
          bytes -= finish(verifying.poll(), badPacks);
        }
        verifying.add(new Verifying(pack, size, pool.submit(() -> verifyPack(pack, references))));
        bytes += size;
      }
      while (!verifying.isEmpty()) {
        finish(verifying.poll(), badPacks);
      }
    } finally {
      pool.shutdownNow();
    }
    progress.done();
  }

  /** A pack being verified on the pool: its problem, or null. */
  private record Verifying(String pack, long size, Future<String> problem) {}

  /** Waits for one pack's verification and records its problem; returns its size. */
  private long finish(Verifying v, Set<String> badPacks) throws IOException {
    String problem = Failures.get(v.problem(), "checking pack " + v.pack());
    if (problem != null) {
      badPacks.add(v.pack());
      problem(packPath(v.pack()), problem);
    }
    progress.advance(v.size());
    return v.size();
  }

  /** The pack's problem, or null when its name, segments and blobs verify. */
  private String verifyPack(String pack, BlobReader references) throws IOException {
    try {
      verifyPackBytes(pack, references);
      return null;
    } catch (CorruptDataException e) {
      return e.getMessage();
    }
  }

  /** Verifies a pack; a segment encoded against references is decoded with them, read as blobs are. */
  private void verifyPackBytes(String pack, BlobReader references) throws IOException {
    byte[] bytes = volume.backend().load(new Handle(FileType.PACK, pack));
    if (!SealedFiles.sha256(bytes).equals(pack)) {
      throw new CorruptDataException("content does not match its name (SHA-256)");
    }
    for (SegmentInfo s : PackReader.header(bytes, volume.sealer, volume.format, pack)) {
      byte[] plain = Codec.decode(volume.sealer.open(bytes, (int) s.offset(), s.storedLength()), references::references);
      int at = 0;
      for (int i = 0; i < s.blobCount(); i++) {
        int len = s.lengths()[i];
        if (at + len > plain.length || !volume.hasher.hash(plain, at, len).matches(s.ids(), s.idOffset(i))) {
          throw new CorruptDataException("blob " + s.id(i) + " does not match its id");
        }
        at += len;
      }
    }
  }

  /**
   * Format 3: every segment encoded against references names only indexed blobs in packs that are
   * not damaged, or its pack is damaged too (and the backups using it are named by the walk that
   * follows). Only those segments are read, and only their lists of references: they hold changes,
   * so they are small.
   */
  private void checkReferences(MasterIndex index, Set<String> badPacks) throws IOException {
    Set<String> known = new HashSet<>(badPacks);
    new ReferenceLists(volume).forEach(index, r -> !known.contains(index.location(r).pack()), new ReferenceLists.Visitor() {
      @Override
      public void segment(Location l, List<BlobId> refs) {
        for (BlobId ref : refs) {
          Location at = index.find(ref);
          if (at == null || badPacks.contains(at.pack())) {
            badPacks.add(l.pack());
            problem(packPath(l.pack()), "a segment is stored against blob " + ref.hex()
                + (at == null ? ", which no index names" : ", which lies in damaged " + packPath(at.pack())));
            return;
          }
        }
      }

      @Override
      public void unreadable(String pack, CorruptDataException e) {
        badPacks.add(pack);
        problem(packPath(pack), e.getMessage());
      }
    });
  }

  /** Records, for one backup, the damaged files its blobs live in. */
  private final class Marker implements ReferenceWalker.Visitor {
    private final MasterIndex index;
    private final Set<String> badPacks;
    private final String backup;
    private final Set<BlobId> seenMeta = new HashSet<>();

    Marker(MasterIndex index, Set<String> badPacks, String backup) {
      this.index = index;
      this.badPacks = badPacks;
      this.backup = backup;
    }

    @Override
    public void data(BlobId id) {
      visit(id);
    }

    @Override
    public boolean meta(BlobId id) {
      return seenMeta.add(id) && visit(id);
    }

    private boolean visit(BlobId id) {
      Location l = index.find(id);
      if (l == null) {
        String file = "backups/" + backup;
        problems.putIfAbsent(file, "references blob " + id.hex() + " which no index names");
        affect(file, backup);
        return false;
      }
      if (badPacks.contains(l.pack())) {
        affect(packPath(l.pack()), backup);
        return false;
      }
      return true;
    }
  }

  private void problem(String file, String problem) {
    problems.putIfAbsent(file, problem);
  }

  private void affect(String file, String backup) {
    affected.computeIfAbsent(file, k -> new TreeSet<>()).add(backup);
  }

  private static String packPath(String pack) {
    return new Handle(FileType.PACK, pack).path();
  }
}
