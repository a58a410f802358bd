package io.coffer.repo.compress;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictContentType;
import com.github.luben.zstd.ZstdDictDecompress;
import io.coffer.repo.CorruptDataException;
import io.coffer.repo.pack.Leb128;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Encodes a piece as one flag byte ({@code 0} raw, {@code 1} zstd, {@code 2} zstd against reference
 * blobs) followed by the payload. zstd output
 * is kept when it saves at least 1% of the input, so incompressible data (already compressed or
 * encrypted columns) costs no decompression on restore. The bar was 3%, which stored raw the pages of
 * a PostgreSQL table of random bytea (zstd saves ~2.5% there: page and tuple headers) and made such a
 * PHYSICAL backup 3% larger than pgBackRest's; zstd keeps incompressible blocks inside a frame raw,
 * so a frame that saves little also decodes at close to copying speed. Thread-safe: one zstd context per thread,
 * because creating a context per call costs more than compressing a small segment.
 *
 * <p>zstd writes into a scratch array per thread, and only the compressed bytes are copied out: a
 * fresh worst-case array per segment was as many bytes of garbage as the backup read, and with the
 * other per-segment arrays it made a 256 MiB heap collect every few tens of MB.
 */
public final class Codec {

  public static final byte RAW = 0;
  public static final byte ZSTD = 1;
  /**
   * zstd with other blobs' plaintexts as its dictionary (format 3's segments of changed chunks):
   * {@code u8 2 · u8 id length · varint n · n ids · varint m · m × (varint blob length · varint k ·
   * k varint indexes into the ids) · a zstd frame}, the frame compressed with the n references'
   * plaintexts concatenated as its dictionary, the m blobs being the piece's, in order, each with the
   * references it was given. A page of a database file that changed in a few bytes costs tens of
   * bytes this way instead of the kilobytes of the whole page (docs/repository-format.md, "Version 3").
   */
  public static final byte AGAINST = 2;

  /** Window logs of pieces encoded against references: zstd's least, and the most its decoders take by default. */
  private static final int MIN_WINDOW_LOG = 10;
  private static final int MAX_WINDOW_LOG = 27;
  /**
   * The largest hash table of a context that encodes against references, 4 MiB. zstd uses only the
   * last 2^(hashLog + 3) bytes of a dictionary, so the table follows the dictionary's size (a
   * segment's references are at most 256 KiB: BlobStore).
   */
  private static final int MAX_HASH_LOG = 20;

  /** zstd's output is kept when it is at least 1/MIN_SAVING smaller than the input. */
  private static final int MIN_SAVING = 100;

  private final int level;
  private final ThreadLocal<ZstdCompressCtx> compressors;
  private final ThreadLocal<byte[]> scratch;
  private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESSORS = ThreadLocal.withInitial(ZstdDecompressCtx::new);
  /** Contexts that take a dictionary per piece (a loaded dictionary stays until the next is loaded). */
  private final ThreadLocal<ZstdCompressCtx> againstCompressors;
  private static final ThreadLocal<ZstdDecompressCtx> AGAINST_DECOMPRESSORS = ThreadLocal.withInitial(ZstdDecompressCtx::new);
  private static final byte[] NO_DICTIONARY = new byte[0];

  /**
   * Where a piece encoded against references keeps them: {@code count} ids of {@code idLength} bytes
   * from {@code idsOffset}, its blobs' table from {@code blobsOffset}, its frame from {@code frameOffset}.
   */
  public record References(int idLength, int count, int idsOffset, int blobsOffset, int frameOffset) {}

  /** Fetches the plaintexts a piece was encoded against, concatenated in the order of its ids. */
  @FunctionalInterface
  public interface Dictionaries {
    byte[] of(byte[] encoded, References references) throws IOException;
  }

  /**
   * The same for a piece decoded into native memory ({@link #decode(ByteBuffer, int, ByteBuffer,
   * HeldDictionaries)}): the plaintexts held for the decoding, in a direct buffer where they can be,
   * which zstd then reads in place instead of copying them into a dictionary of its own.
   */
  @FunctionalInterface
  public interface HeldDictionaries {
    HeldDictionary of(byte[] encoded, References references) throws IOException;
  }

  /**
   * A piece's references, {@code bytes} from position to limit (direct, or an array's where native
   * memory was not to be had), valid until closed; closing runs {@code release}.
   */
  public record HeldDictionary(ByteBuffer bytes, Runnable release) implements AutoCloseable {
    @Override
    public void close() {
      release.run();
    }
  }

  private Codec(int level) {
    this.level = level;
    this.compressors = level > 0 ? ThreadLocal.withInitial(() -> new ZstdCompressCtx().setLevel(level)) : null;
    this.againstCompressors = level > 0 ? ThreadLocal.withInitial(() -> new ZstdCompressCtx().setLevel(level)) : null;
    this.scratch = ThreadLocal.withInitial(() -> new byte[0]);
  }

  /** {@code level} 0 stores everything raw; 1–19 is a zstd level. */
  public static Codec zstd(int level) {
    if (level < 0 || level > 19) {
      throw new IllegalArgumentException("zstd level must be 1..19 (or 0 for none), got " + level);
    }
    return new Codec(level);
  }

  public static Codec none() {
    return new Codec(0);
  }

  public int level() {
    return level;
  }

  public byte[] encode(byte[] plain, int offset, int length) {
    if (compressors != null && length > 64) {
      int bound = (int) Zstd.compressBound(length);
      byte[] out = scratch.get();
      if (out.length < bound) {
        out = new byte[bound];
        scratch.set(out);
      }
      int n = compressors.get().compressByteArray(out, 0, bound, plain, offset, length);
      if (n < length - length / MIN_SAVING) {
        byte[] encoded = new byte[1 + n];
        encoded[0] = ZSTD;
        System.arraycopy(out, 0, encoded, 1, n);
        return encoded;
      }
    }
    byte[] out = new byte[1 + length];
    out[0] = RAW;
    System.arraycopy(plain, offset, out, 1, length);
    return out;
  }

  public byte[] encode(byte[] plain) {
    return encode(plain, 0, plain.length);
  }

  /** Whether {@link #encodeAgainst} can be used: it compresses, so not with level 0. */
  public boolean encodesAgainst() {
    return againstCompressors != null;
  }

  /**
   * Encodes {@code plain[offset, offset+length)} as zstd with {@code dictionary} (the plaintexts of
   * the {@code count} blobs whose ids are {@code ids}, concatenated in that order) as raw content it
   * may copy from; decoding needs the same plaintexts ({@link #decode(byte[], int, byte[],
   * Dictionaries)}). {@code blobLengths} and {@code blobReferences} describe the piece's blobs in
   * order (their references as indexes into {@code ids}), for {@link #blobReferences}.
   */
  public byte[] encodeAgainst(byte[] plain, int offset, int length, byte[] ids, int idLength, int count,
      int[] blobLengths, int[][] blobReferences, byte[] dictionary) {
    if (againstCompressors == null) {
      throw new IllegalStateException("a volume without compression stores nothing against references");
    }
    if (count < 1 || idLength < 1 || idLength > 255 || ids.length < count * idLength || blobLengths.length != blobReferences.length) {
      throw new IllegalArgumentException(count + " references of " + idLength + " bytes in " + ids.length + " bytes");
    }
    int bound = (int) Zstd.compressBound(length);
    byte[] out = scratch.get();
    if (out.length < bound) {
      out = new byte[bound];
      scratch.set(out);
    }
    ZstdCompressCtx c = againstCompressors.get();
    // The level's window and hash table are sized for the piece alone: a window of 1 MiB (level 2)
    // leaves a longer dictionary's first bytes out of reach, and a table sized for a piece under
    // 256 KiB finds few of a dictionary's matches (a page changed in 8 bytes then cost a third of
    // its size instead of tens of bytes). Both cover the dictionary and the piece.
    int windowLog = Math.max(MIN_WINDOW_LOG, Math.min(MAX_WINDOW_LOG, 64 - Long.numberOfLeadingZeros((long) dictionary.length + length - 1)));
    c.setWindowLog(windowLog);
    c.setHashLog(Math.min(windowLog, MAX_HASH_LOG));
    c.loadDict(dictionary, ZstdDictContentType.RAW_CONTENT);
    int n = c.compressByteArray(out, 0, bound, plain, offset, length);
    ByteArrayOutputStream header = new ByteArrayOutputStream(8 + count * idLength + 4 * blobLengths.length);
    header.write(AGAINST);
    header.write(idLength);
    Leb128.write(header, count);
    header.write(ids, 0, count * idLength);
    Leb128.write(header, blobLengths.length);
    for (int j = 0; j < blobLengths.length; j++) {
      Leb128.write(header, blobLengths[j]);
      Leb128.write(header, blobReferences[j].length);
      for (int r : blobReferences[j]) {
        Leb128.write(header, r);
      }
    }
    byte[] encoded = Arrays.copyOf(header.toByteArray(), header.size() + n);
    System.arraycopy(out, 0, encoded, header.size(), n);
    return encoded;
  }

  /** The references of a piece encoded against them, or null for a piece that has none. */
  public static References references(byte[] encoded, int length) {
    if (length == 0 || encoded[0] != AGAINST) {
      return null;
    }
    if (length < 3) {
      throw new CorruptDataException("piece encoded against references is truncated");
    }
    ByteBuffer b = ByteBuffer.wrap(encoded, 2, length - 2);
    int idLength = encoded[1] & 0xff;
    int count = Leb128.readInt(b, "reference count");
    long blobs = (long) b.position() + (long) count * idLength;
    if (idLength == 0 || count == 0 || blobs >= length) {
      throw new CorruptDataException("piece encoded against references has a damaged list of them");
    }
    int idsOffset = b.position();
    b.position((int) blobs);
    skipBlobs(b, count);
    return new References(idLength, count, idsOffset, (int) blobs, b.position());
  }

  /** Reads past the blobs' table, checking that every index names one of the {@code count} references. */
  private static void skipBlobs(ByteBuffer b, int count) {
    int m = Leb128.readInt(b, "blob count");
    for (int j = 0; j < m; j++) {
      Leb128.readInt(b, "blob length");
      int k = Leb128.readInt(b, "reference count of a blob");
      for (int i = 0; i < k; i++) {
        if (Leb128.readInt(b, "reference index") >= count) {
          throw new CorruptDataException("piece encoded against references names a reference it does not list");
        }
      }
    }
    if (!b.hasRemaining()) {
      throw new CorruptDataException("piece encoded against references has no frame");
    }
  }

  /**
   * The references the blob at {@code offsetInPiece} of the decoded piece was given, as indexes into
   * the piece's list; empty when no blob starts there.
   */
  public static int[] blobReferences(byte[] encoded, References refs, int offsetInPiece) {
    ByteBuffer b = ByteBuffer.wrap(encoded, refs.blobsOffset(), refs.frameOffset() - refs.blobsOffset());
    int m = Leb128.readInt(b, "blob count");
    long at = 0;
    for (int j = 0; j < m; j++) {
      int length = Leb128.readInt(b, "blob length");
      int k = Leb128.readInt(b, "reference count of a blob");
      int[] indexes = new int[k];
      for (int i = 0; i < k; i++) {
        indexes[i] = Leb128.readInt(b, "reference index");
      }
      if (at == offsetInPiece) {
        return indexes;
      }
      at += length;
    }
    return new int[0];
  }

  /** Decodes a piece produced by any Codec (the flag says how it was stored). */
  public static byte[] decode(byte[] encoded) {
    if (encoded.length > 0 && encoded[0] == RAW) {
      return Arrays.copyOfRange(encoded, 1, encoded.length);
    }
    byte[] out = new byte[decodedLength(encoded)];
    decode(encoded, out);
    return out;
  }

  /** The length of the piece {@code encoded} decodes to, from its flag and its zstd frame's header. */
  public static int decodedLength(byte[] encoded) {
    return decodedLength(encoded, encoded.length);
  }

  /** The same for a piece that is the first {@code length} bytes of {@code encoded}. */
  public static int decodedLength(byte[] encoded, int length) {
    if (length == 0) {
      throw new CorruptDataException("encoded piece is empty");
    }
    switch (encoded[0]) {
      case RAW:
        return length - 1;
      case ZSTD:
        return frameContentSize(encoded, 1, length);
      case AGAINST:
        return frameContentSize(encoded, references(encoded, length).frameOffset(), length);
      default:
        throw new CorruptDataException("unknown encoding flag " + encoded[0]);
    }
  }

  private static int frameContentSize(byte[] encoded, int from, int length) {
    return checkedSize(Zstd.getFrameContentSize(encoded, from, length - from));
  }

  /**
   * Decodes {@code encoded} into the start of {@code out}, which holds at least {@link
   * #decodedLength} bytes (a reused array: nothing zeroes it first); returns that length.
   */
  public static int decode(byte[] encoded, byte[] out) {
    return decode(encoded, encoded.length, out);
  }

  /** The same for a piece that is the first {@code length} bytes of {@code encoded} (a reused array). */
  public static int decode(byte[] encoded, int length, byte[] out) {
    int size = decodedLength(encoded, length);
    if (out.length < size) {
      throw new IllegalArgumentException("an array of " + out.length + " bytes cannot hold " + size);
    }
    if (encoded[0] == RAW) {
      System.arraycopy(encoded, 1, out, 0, size);
      return size;
    }
    if (encoded[0] == AGAINST) {
      throw new CorruptDataException("piece is encoded against reference blobs, which this reader was not given");
    }
    return decompress(DECOMPRESSORS.get(), encoded, 1, length, out, size);
  }

  /** Decodes a piece of any encoding, fetching the plaintexts of its references when it has them. */
  public static byte[] decode(byte[] encoded, Dictionaries dictionaries) throws IOException {
    byte[] out = new byte[decodedLength(encoded)];
    decode(encoded, encoded.length, out, dictionaries);
    return out;
  }

  /** The same into a reused array, as {@link #decode(byte[], int, byte[])}. */
  public static int decode(byte[] encoded, int length, byte[] out, Dictionaries dictionaries) throws IOException {
    References refs = references(encoded, length);
    if (refs == null) {
      return decode(encoded, length, out);
    }
    int size = decodedLength(encoded, length);
    if (out.length < size) {
      throw new IllegalArgumentException("an array of " + out.length + " bytes cannot hold " + size);
    }
    ZstdDecompressCtx d = AGAINST_DECOMPRESSORS.get();
    d.loadDict(dictionaries.of(encoded, refs), ZstdDictContentType.RAW_CONTENT);
    return decompress(d, encoded, refs.frameOffset(), length, out, size);
  }

  /**
   * The length the first {@code length} bytes of the direct buffer {@code encoded} decode to (its
   * position and limit untouched).
   */
  public static int decodedLength(ByteBuffer encoded, int length) {
    if (length == 0) {
      throw new CorruptDataException("encoded piece is empty");
    }
    switch (encoded.get(0)) {
      case RAW:
        return length - 1;
      case ZSTD:
        return checkedSize(Zstd.getDirectByteBufferFrameContentSize(encoded, 1, length - 1));
      case AGAINST:
        return decodedLength(copy(encoded, length), length);
      default:
        throw new CorruptDataException("unknown encoding flag " + encoded.get(0));
    }
  }

  /**
   * Decodes the first {@code length} bytes of the direct buffer {@code encoded} into the start of
   * the direct buffer {@code out} (at least {@link #decodedLength(ByteBuffer, int)} bytes below its
   * limit; positions and limits untouched) and returns that length: zstd reads and writes native memory, with no copy
   * through an array. A piece stored against references (a level's changed chunks, small) has its
   * header read from an array, and its frame decoded against the references where {@code
   * dictionaries} holds them, in native memory where it can.
   */
  public static int decode(ByteBuffer encoded, int length, ByteBuffer out, HeldDictionaries dictionaries)
      throws IOException {
    int size = decodedLength(encoded, length);
    if (out.limit() < size) {
      throw new IllegalArgumentException("a buffer of " + out.limit() + " bytes cannot hold " + size);
    }
    switch (encoded.get(0)) {
      case RAW:
        out.put(0, encoded, 1, size);
        return size;
      case ZSTD:
        try {
          int n = DECOMPRESSORS.get().decompressDirectByteBuffer(out, 0, size, encoded, 1, length - 1);
          if (n != size) {
            throw new CorruptDataException("zstd frame decoded to " + n + " bytes, expected " + size);
          }
          return size;
        } catch (RuntimeException e) {
          throw damaged(e);
        }
      default:
        return decodeAgainst(copy(encoded, length), length, out, size, dictionaries);
    }
  }

  /**
   * A piece stored against references, its header read from an array (a level's changes: small),
   * its frame decoded straight into the direct buffer: a restore of a level allocated and copied a
   * segment's worth of plaintext for each of them. The references are zstd's dictionary by reference
   * where they are in native memory: loaded from an array, zstd copied them into memory of its own,
   * and a level's restore of a data directory whose pages had nearly all changed allocated, zeroed
   * and copied its size twice over (docs/benchmarks.md, "A level's references where they lie").
   */
  private static int decodeAgainst(byte[] encoded, int length, ByteBuffer out, int size, HeldDictionaries dictionaries)
      throws IOException {
    References refs = references(encoded, length);
    ZstdDecompressCtx d = AGAINST_DECOMPRESSORS.get();
    try (HeldDictionary held = dictionaries.of(encoded, refs)) {
      ByteBuffer bytes = held.bytes();
      if (bytes.isDirect()) {
        try (ZstdDictDecompress dictionary = new ZstdDictDecompress(bytes, true, ZstdDictContentType.RAW_CONTENT)) {
          d.loadDict(dictionary);
          try {
            return decompressAgainst(d, encoded, refs, length, out, size);
          } finally {
            // The context holds a loaded dictionary (and zstd-jni refuses to close it) until another
            // is loaded: an empty one, so that no pointer to the held bytes outlives them.
            d.loadDict(NO_DICTIONARY, ZstdDictContentType.RAW_CONTENT);
          }
        }
      }
      d.loadDict(wholeArray(bytes), ZstdDictContentType.RAW_CONTENT);
      return decompressAgainst(d, encoded, refs, length, out, size);
    }
  }

  /** The buffer's bytes as an array: its own where they are all of it, else a copy. */
  private static byte[] wholeArray(ByteBuffer bytes) {
    if (bytes.hasArray() && bytes.arrayOffset() + bytes.position() == 0 && bytes.remaining() == bytes.array().length) {
      return bytes.array();
    }
    byte[] array = new byte[bytes.remaining()];
    bytes.get(bytes.position(), array);
    return array;
  }

  private static int decompressAgainst(ZstdDecompressCtx d, byte[] encoded, References refs, int length, ByteBuffer out,
      int size) {
    try {
      int n = d.decompressByteArrayToDirectByteBuffer(out, 0, size, encoded, refs.frameOffset(), length - refs.frameOffset());
      if (n != size) {
        throw new CorruptDataException("zstd frame decoded to " + n + " bytes, expected " + size);
      }
      return size;
    } catch (RuntimeException e) {
      throw damaged(e);
    }
  }

  private static byte[] copy(ByteBuffer buffer, int length) {
    byte[] bytes = new byte[length];
    buffer.get(0, bytes);
    return bytes;
  }

  private static int checkedSize(long size) {
    if (size < 0 || size > Integer.MAX_VALUE - 16) {
      throw new CorruptDataException("zstd frame has no valid content size");
    }
    return (int) size;
  }

  private static CorruptDataException damaged(RuntimeException e) {
    return e instanceof CorruptDataException c ? c : new CorruptDataException("zstd frame is damaged: " + e.getMessage(), e);
  }

  private static int decompress(ZstdDecompressCtx d, byte[] encoded, int from, int length, byte[] out, int size) {
    try {
      int n = d.decompressByteArray(out, 0, size, encoded, from, length - from);
      if (n != size) {
        throw new CorruptDataException("zstd frame decoded to " + n + " bytes, expected " + size);
      }
      return size;
    } catch (RuntimeException e) {
      throw damaged(e);
    }
  }
}
