package io.coffer.repo.index;

import io.coffer.repo.VolumeFormat;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A volume's index as built, saved in Coffer's cache between commands: the next command reads one
 * file straight into its table instead of loading, opening, decompressing and decoding every index
 * file of the volume, about a microsecond a blob (0.2 s of every command on a volume of 200,000
 * blobs; docs/benchmarks.md, "The index saved between commands").
 *
 * <p>Why it is safe: a saved table is used only when every index file it was built from is still
 * listed by the volume. Index files are named by the hash of their bytes and never change; a prune or
 * a repair that drops blobs or packs removes the index files naming them. So a table built from files
 * that are all still there names only blobs the volume still holds, where it holds them; index files
 * the table lacks are read on top ({@code Volume}). A table that is damaged, cut short or of another
 * layout fails its CRC-32C or its size check and is ignored: the volume's index files are read as
 * before. It holds blob ids (MACs of the content), pack names and offsets, as the index's mapped
 * regions beside it do while a command runs: no data and no key; it is trusted as the rest of
 * Coffer's home is.
 *
 * <p>Layout (little-endian): "CFINDEX1" · header length (int) · header: id length (int), records
 * (int), slots (long), index files (int; each a short length and UTF-8 bytes), packs (int; each a
 * short length, UTF-8 bytes and a long size) · records as {@link CompactIndex} holds them · its slot
 * table · CRC-32C of everything before (long). Written under another name and renamed into place, so
 * readers (another command, an agent) see the old table or the new one.
 */
public final class SavedIndex {

  private static final Logger LOG = LoggerFactory.getLogger(SavedIndex.class);
  private static final byte[] MAGIC = "CFINDEX1".getBytes(StandardCharsets.US_ASCII);
  private static final int PREFIX = MAGIC.length + 4;
  /**
   * The longest header read (index file and pack names: ~70 bytes each, 64 MiB is ~900,000 packs, a
   * volume of ~14 TB): a damaged length must not make the heap hold a file's worth.
   */
  private static final int MAX_HEADER = 64 << 20;

  /** An index read from a saved table, and the index files it was built from. */
  public record Loaded(MasterIndex index, Set<String> files) {}

  private final Path directory;
  private final Path mapDirectory;

  /** Tables saved in {@code directory}; a loaded table's regions are mapped in {@code mapDirectory}. */
  public SavedIndex(Path directory, Path mapDirectory) {
    this.directory = directory;
    this.mapDirectory = mapDirectory;
  }

  /**
   * The table saved under {@code name}, when there is one of this format that is whole and built only
   * from index files in {@code listed}; else null. The caller closes the index.
   */
  public Loaded load(String name, VolumeFormat format, Collection<String> listed) {
    Path file = directory.resolve(name);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(in, file, format, listed);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      LOG.debug("the saved index {} is not used: {}", file, e.toString());
      return null;
    }
  }

  private Loaded read(FileChannel in, Path file, VolumeFormat format, Collection<String> listed) throws IOException {
    long size = in.size();
    CRC32C crc = new CRC32C();
    ByteBuffer prefix = readFully(in, PREFIX, crc);
    byte[] magic = new byte[MAGIC.length];
    prefix.get(magic);
    int headerLength = prefix.getInt();
    if (!Arrays.equals(magic, MAGIC) || headerLength < 0 || headerLength > Math.min(size - PREFIX, MAX_HEADER)) {
      return unusable(file, "not a saved index of this layout");
    }
    ByteBuffer header = readFully(in, headerLength, crc);
    int idLength = header.getInt();
    int count = header.getInt();
    long slots = header.getLong();
    Set<String> files = new HashSet<>(strings(header));
    int packCount = header.getInt();
    if (packCount < 0 || packCount > header.remaining() / (2 + Long.BYTES)) {
      return unusable(file, "its header counts more packs than it holds");
    }
    List<String> packs = new ArrayList<>(packCount);
    long[] packSizes = new long[packCount];
    for (int n = 0; n < packCount; n++) {
      packs.add(string(header));
      packSizes[n] = header.getLong();
    }
    if (idLength != format.idLength() || !fits(count, slots)
        || size != PREFIX + headerLength + (long) count * CompactIndex.RECORD + 4 * slots + Long.BYTES) {
      return unusable(file, "its counts do not fit its format or its size");
    }
    if (!listed.containsAll(files)) {
      return unusable(file, "the volume no longer has every index file it was built from");
    }
    CompactIndex blobs = CompactIndex.read(mapDirectory, idLength, count, slots, in, crc);
    long expected = crc.getValue();
    if (readFully(in, Long.BYTES, new CRC32C()).getLong() != expected) {
      blobs.close();
      return unusable(file, "its checksum does not match");
    }
    return new Loaded(new MasterIndex(format, blobs, packs, packSizes), files);
  }

  /** Record and slot counts as a table can hold them: slots a power of two, at most three quarters used. */
  private static boolean fits(int count, long slots) {
    if (count == 0) {
      return slots == 0;
    }
    return count > 0 && slots > 0 && Long.bitCount(slots) == 1 && count * 4L <= slots * 3L && slots <= 1L << 30;
  }

  private static Loaded unusable(Path file, String why) {
    LOG.debug("the saved index {} is not used: {}", file, why);
    return null;
  }

  /**
   * Saves {@code index}, built from {@code files}, under {@code name}, replacing what was saved. A
   * cache: failures are logged and leave the earlier table or none.
   */
  public void save(String name, MasterIndex index, Set<String> files) {
    Path target = directory.resolve(name);
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      deleteAbandoned(name);
      temporary = Files.createTempFile(directory, name + ".", ".part");
      try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        index.whole((blobs, packs, packSizes) -> {
          write(out, blobs, files, packs, packSizes);
          return null;
        });
      }
      // Not flushed before the rename (a flush cost ~15 ms of the command for 13 MB here): after a
      // crash of the machine the name may show a table cut short or zeroed, which its size or
      // its checksum refuses.
      move(temporary, target);
    } catch (IOException | RuntimeException e) {
      LOG.debug("the index could not be saved to {}: {}", target, e.toString());
      deleteQuietly(temporary);
    }
  }

  /** Parts of tables whose saving was cut short (the process was killed) more than an hour ago. */
  private void deleteAbandoned(String name) throws IOException {
    long hourAgo = System.currentTimeMillis() - 3_600_000;
    try (var parts = Files.newDirectoryStream(directory, name + ".*.part")) {
      for (Path part : parts) {
        try {
          if (Files.getLastModifiedTime(part).toMillis() < hourAgo) {
            deleteQuietly(part);
          }
        } catch (NoSuchFileException e) {
          // Another process cleaned it up first.
        }
      }
    }
  }

  private static void write(FileChannel out, CompactIndex blobs, Set<String> files, List<String> packs, long[] packSizes)
      throws IOException {
    ByteBuffer header = ByteBuffer.allocate(headerLength(files, packs)).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(blobs.idLength()).putInt(blobs.size()).putLong(blobs.slotCapacity());
    header.putInt(files.size());
    files.forEach(f -> putString(header, f));
    header.putInt(packs.size());
    for (int n = 0; n < packs.size(); n++) {
      putString(header, packs.get(n));
      header.putLong(packSizes[n]);
    }
    ByteBuffer prefix = ByteBuffer.allocate(PREFIX).order(ByteOrder.LITTLE_ENDIAN).put(MAGIC).putInt(header.capacity());
    CRC32C crc = new CRC32C();
    for (ByteBuffer b : new ByteBuffer[] {prefix.flip(), header.flip()}) {
      crc.update(b.duplicate());
      writeFully(out, b);
    }
    blobs.write(out, crc);
    writeFully(out, ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(crc.getValue()).flip());
  }

  private static int headerLength(Set<String> files, List<String> packs) {
    int length = 4 + 4 + 8 + 4 + 4;
    for (String f : files) {
      length += 2 + f.getBytes(StandardCharsets.UTF_8).length;
    }
    for (String p : packs) {
      length += 2 + p.getBytes(StandardCharsets.UTF_8).length + 8;
    }
    return length;
  }

  private static void putString(ByteBuffer out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.putShort((short) bytes.length).put(bytes);
  }

  private static List<String> strings(ByteBuffer in) {
    int n = in.getInt();
    if (n < 0 || n > in.remaining() / 2) {
      throw new IllegalArgumentException("the header counts " + n + " names in " + in.remaining() + " bytes");
    }
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(string(in));
    }
    return out;
  }

  private static String string(ByteBuffer in) {
    byte[] bytes = new byte[Short.toUnsignedInt(in.getShort())];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static ByteBuffer readFully(FileChannel in, int length, CRC32C crc) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (in.read(b) < 0) {
        throw new EOFException("the saved index ends early");
      }
    }
    crc.update(b.flip().duplicate());
    return b;
  }

  private static void writeFully(FileChannel out, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      out.write(b);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.debug("cannot delete {}: {}", file, e.toString());
      }
    }
  }
}
