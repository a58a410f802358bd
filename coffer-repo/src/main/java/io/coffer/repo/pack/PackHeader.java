package io.coffer.repo.pack;

import io.coffer.repo.BlobType;
import io.coffer.repo.CorruptDataException;
import io.coffer.repo.VolumeFormat;
import io.coffer.repo.compress.Codec;
import io.coffer.repo.crypto.Sealer;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes the header at the end of a pack (docs/repository-format.md, "Packs"): "CPK1"
 * with fixed u32 fields and 32-byte ids in format 1, "CPK2" with varints and 16-byte ids in format 2, "CPK3" with format 2's layout and segments encoded
 * against references (type 2) in format 3.
 */
public final class PackHeader {

  private static final int MAGIC_1 = 0x314b5043; // "CPK1" little-endian

  /** "CPK" and the format's digit, little-endian: "CPK2" for format 2's layout, "CPK3" for the same layout in format 3. */
  private static int magic(VolumeFormat format) {
    return 0x004b5043 | ('0' + format.number()) << 24;
  }

  private PackHeader() {}

  static byte[] encode(VolumeFormat format, List<SegmentInfo> segments) {
    return format == VolumeFormat.V1 ? encode1(segments) : encode2(format, segments);
  }

  private static byte[] encode1(List<SegmentInfo> segments) {
    int size = 8;
    for (SegmentInfo s : segments) {
      size += 13 + s.blobCount() * (VolumeFormat.V1.idLength() + 4);
    }
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(MAGIC_1).putInt(segments.size());
    for (SegmentInfo s : segments) {
      b.put(s.type().code()).putInt(s.storedLength()).putInt(s.plainLength()).putInt(s.blobCount());
      for (int i = 0; i < s.blobCount(); i++) {
        b.put(s.ids(), s.idOffset(i), s.idLength()).putInt(s.lengths()[i]);
      }
    }
    return b.array();
  }

  private static byte[] encode2(VolumeFormat format, List<SegmentInfo> segments) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'C', 'P', 'K', (byte) ('0' + format.number())});
    Leb128.write(out, segments.size());
    for (SegmentInfo s : segments) {
      out.write(s.type().code());
      Leb128.write(out, s.storedLength());
      Leb128.write(out, s.plainLength());
      Leb128.write(out, s.blobCount());
      for (int i = 0; i < s.blobCount(); i++) {
        out.write(s.ids(), s.idOffset(i), s.idLength());
        Leb128.write(out, s.lengths()[i]);
      }
    }
    return out.toByteArray();
  }

  /** Decodes a header's plaintext; segment offsets are reconstructed from the stored lengths. */
  public static List<SegmentInfo> decode(VolumeFormat format, byte[] plain) {
    boolean v1 = format == VolumeFormat.V1;
    int idLength = format.idLength();
    try {
      ByteBuffer b = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
      if (b.getInt() != magic(format)) {
        throw new CorruptDataException("pack header has no CPK" + format.number() + " magic");
      }
      int n = v1 ? b.getInt() : Leb128.readInt(b, "pack header segment count");
      if (n < 0 || n > plain.length) {
        throw new CorruptDataException("pack header claims " + n + " segments");
      }
      List<SegmentInfo> out = new ArrayList<>(n);
      long offset = 0;
      for (int s = 0; s < n; s++) {
        BlobType type = BlobType.ofCode(b.get());
        if (type == BlobType.DELTA && !format.storesAgainstReferences()) {
          throw new CorruptDataException("pack header segment " + s + " is encoded against references, which format " + format.number() + " has not");
        }
        int stored = v1 ? b.getInt() : Leb128.readInt(b, "segment stored length");
        int plainLength = v1 ? b.getInt() : Leb128.readInt(b, "segment plaintext length");
        int count = v1 ? b.getInt() : Leb128.readInt(b, "segment blob count");
        if (count < 0 || count > plain.length / idLength) {
          throw new CorruptDataException("pack header segment " + s + " claims " + count + " blobs");
        }
        byte[] ids = new byte[count * idLength];
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
          b.get(ids, i * idLength, idLength);
          lengths[i] = v1 ? b.getInt() : Leb128.readInt(b, "blob length");
        }
        out.add(new SegmentInfo(type, offset, stored, plainLength, ids, lengths));
        offset += stored;
      }
      return out;
    } catch (BufferUnderflowException e) {
      throw new CorruptDataException("pack header is truncated", e);
    }
  }

  /** Seals an encoded header and appends its length, producing the pack's tail. */
  static byte[] tail(VolumeFormat format, List<SegmentInfo> segments, Codec codec, Sealer sealer) {
    byte[] sealed = sealer.seal(codec.encode(encode(format, segments)));
    ByteBuffer out = ByteBuffer.allocate(sealed.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    return out.put(sealed).putInt(sealed.length).array();
  }
}
