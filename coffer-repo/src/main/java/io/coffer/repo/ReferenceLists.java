package io.coffer.repo;

import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.Handle;
import io.coffer.repo.compress.Codec;
import io.coffer.repo.index.Location;
import io.coffer.repo.index.MasterIndex;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The lists of references of a volume's segments of type 2 (format 3), for prune and check, which
 * need what such segments were encoded against without decoding them. A pack with more than a few
 * such segments is read once whole (a level backup's packs hold mostly changes, and on S3 a range
 * read per segment was a request per 256 KiB of changes); one with few, a range read per segment.
 */
final class ReferenceLists {

  /** Packs with more segments of type 2 than this are read whole. */
  static final int WHOLE_PACK_FROM = 4;

  /** Hears one segment's references; {@code segment} is the location of one of its blobs. */
  @FunctionalInterface
  interface Visitor {
    void segment(Location segment, List<BlobId> references) throws IOException;

    /** A pack whose lists cannot be read (gone, truncated, damaged): by default the end of the walk. */
    default void unreadable(String pack, CorruptDataException e) {
      throw e;
    }
  }

  private final Volume volume;

  ReferenceLists(Volume volume) {
    this.volume = volume;
  }

  /**
   * Visits the segments of the {@link BlobType#DELTA} records that {@code records} accepts, each
   * once, in the order of their packs' names and their offsets. A pack that is gone, or a segment
   * that does not open, goes to {@link Visitor#unreadable} with a {@link CorruptDataException}
   * naming it, and the walk goes on with the next pack unless that throws.
   */
  void forEach(MasterIndex index, IntPredicate records, Visitor visitor) throws IOException {
    Map<String, Map<Integer, Location>> packs = new TreeMap<>();
    for (int r = 0; r < index.blobCount(); r++) {
      if (index.type(r) == BlobType.DELTA && records.test(r)) {
        Location l = index.location(r);
        packs.computeIfAbsent(l.pack(), p -> new TreeMap<>()).putIfAbsent(l.segmentOffset(), l);
      }
    }
    for (Map.Entry<String, Map<Integer, Location>> pack : packs.entrySet()) {
      try {
        visit(new Handle(FileType.PACK, pack.getKey()), pack.getValue(), visitor);
      } catch (CorruptDataException e) {
        visitor.unreadable(pack.getKey(), e);
      }
    }
  }

  private void visit(Handle handle, Map<Integer, Location> segments, Visitor visitor) throws IOException {
    byte[] whole = segments.size() > WHOLE_PACK_FROM ? load(handle) : null;
    for (Location l : segments.values()) {
      byte[] opened;
      try {
        opened = whole != null
            ? volume.sealer.open(whole, l.segmentOffset(), l.segmentLength())
            : volume.sealer.open(volume.backend().loadRange(handle, l.segmentOffset(), l.segmentLength()));
      } catch (NoSuchFileException | java.io.EOFException e) {
        throw gone(handle, e);
      } catch (CorruptDataException | IndexOutOfBoundsException e) {
        throw new CorruptDataException("pack " + l.pack() + " is damaged at offset " + l.segmentOffset() + ": " + e.getMessage(), e);
      }
      visitor.segment(l, ids(opened));
    }
  }

  private byte[] load(Handle handle) throws IOException {
    try {
      return volume.backend().load(handle);
    } catch (NoSuchFileException e) {
      throw gone(handle, e);
    }
  }

  private static CorruptDataException gone(Handle handle, IOException e) {
    return new CorruptDataException("pack " + handle.name() + (e instanceof NoSuchFileException ? " is missing from the volume" : " is truncated"));
  }

  /** Every reference of an opened segment, or none for a segment not encoded against any. */
  private static List<BlobId> ids(byte[] opened) {
    Codec.References refs = Codec.references(opened, opened.length);
    if (refs == null) {
      return List.of();
    }
    int[] all = new int[refs.count()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return ids(opened, refs, all);
  }

  /** The references at the given places of an opened segment's list. */
  static List<BlobId> ids(byte[] opened, Codec.References refs, int[] places) {
    List<BlobId> ids = new ArrayList<>(places.length);
    for (int i : places) {
      ids.add(BlobId.of(opened, refs.idsOffset() + i * refs.idLength(), refs.idLength()));
    }
    return ids;
  }
}
