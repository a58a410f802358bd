package io.coffer.repo;

import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.Handle;
import io.coffer.repo.compress.Codec;
import io.coffer.repo.index.Location;
import io.coffer.repo.index.MasterIndex;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads blobs: loads a segment with one range read, opens and decodes it, slices the blob and
 * re-hashes it against its id, so no wrong byte is ever returned. Keeps the last few decoded segments
 * because consecutive blobs of a stream usually share one. Thread-safe.
 */
final class BlobReader {

  private static final int CACHED_SEGMENTS = 8;
  private final Volume volume;
  private final MasterIndex index;
  private final Map<String, byte[]> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
          return size() > CACHED_SEGMENTS;
        }
      };

  BlobReader(Volume volume, MasterIndex index) {
    this.volume = volume;
    this.index = index;
  }

  VolumeFormat format() {
    return volume.format;
  }

  Location locate(BlobId id) {
    Location l = index.find(id);
    if (l == null) {
      throw new CorruptDataException("blob " + id.hex() + " is not in any index: the volume is damaged (run `coffer volume check`, then `coffer volume repair-index`)");
    }
    return l;
  }

  byte[] read(BlobId id) throws IOException {
    Location l = locate(id);
    byte[] segment = segment(l);
    return slice(id, l, segment);
  }

  /** The blob's bytes from an already decoded segment, verified against its id. */
  byte[] slice(BlobId id, Location l, byte[] segment) {
    check(id, l, segment);
    return java.util.Arrays.copyOfRange(segment, l.offsetInSegment(), l.offsetInSegment() + l.length());
  }

  /** Checks the blob where it lies in an already decoded segment against its id. */
  void check(BlobId id, Location l, byte[] segment) {
    if (l.offsetInSegment() < 0 || (long) l.offsetInSegment() + l.length() > segment.length) {
      throw new CorruptDataException("pack " + l.pack() + ": blob " + id + " lies outside its segment");
    }
    if (!volume.hasher.hash(segment, l.offsetInSegment(), l.length()).equals(id)) {
      throw new CorruptDataException("pack " + l.pack() + ": blob " + id + " does not match its id (data damaged)");
    }
  }

  byte[] segment(Location l) throws IOException {
    String key = l.pack() + ":" + l.segmentOffset();
    synchronized (cache) {
      byte[] hit = cache.get(key);
      if (hit != null) {
        return hit;
      }
    }
    byte[] sealed;
    try {
      sealed = volume.backend().loadRange(new Handle(FileType.PACK, l.pack()), l.segmentOffset(), l.segmentLength());
    } catch (NoSuchFileException e) {
      throw new CorruptDataException("pack " + l.pack() + " is missing from the volume");
    } catch (java.io.EOFException e) {
      throw new CorruptDataException("pack " + l.pack() + " is truncated");
    }
    byte[] plain;
    try {
      plain = Codec.decode(volume.sealer.open(sealed));
    } catch (CorruptDataException e) {
      throw new CorruptDataException("pack " + l.pack() + " is damaged at offset " + l.segmentOffset() + ": " + e.getMessage(), e);
    }
    synchronized (cache) {
      cache.put(key, plain);
    }
    return plain;
  }
}
