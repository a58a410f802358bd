package io.coffer.repo.pack;

import io.coffer.repo.BlobId;
import io.coffer.repo.BlobType;
import io.coffer.repo.CorruptDataException;
import io.coffer.repo.compress.Codec;
import io.coffer.repo.crypto.Sealer;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Encodes and decodes the header at the end of a pack ("CPK1", docs/repository-format.md, "Packs"). */
public final class PackHeader {

  private static final int MAGIC = 0x314b5043; // "CPK1" little-endian

  private PackHeader() {}

  static byte[] encode(List<SegmentInfo> segments) {
    ByteBuffer b = ByteBuffer.allocate(size(segments)).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(MAGIC).putInt(segments.size());
    for (SegmentInfo s : segments) {
      b.put(s.type().code()).putInt(s.storedLength()).putInt(s.plainLength()).putInt(s.blobCount());
      for (int i = 0; i < s.blobCount(); i++) {
        b.put(s.ids(), i * BlobId.LENGTH, BlobId.LENGTH).putInt(s.lengths()[i]);
      }
    }
    return b.array();
  }

  private static int size(List<SegmentInfo> segments) {
    int n = 8;
    for (SegmentInfo s : segments) {
      n += 13 + s.blobCount() * (BlobId.LENGTH + 4);
    }
    return n;
  }

  /** Decodes a header's plaintext; segment offsets are reconstructed from the stored lengths. */
  public static List<SegmentInfo> decode(byte[] plain) {
    try {
      ByteBuffer b = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
      if (b.getInt() != MAGIC) {
        throw new CorruptDataException("pack header has no CPK1 magic");
      }
      int n = b.getInt();
      List<SegmentInfo> out = new ArrayList<>(n);
      long offset = 0;
      for (int s = 0; s < n; s++) {
        BlobType type = BlobType.ofCode(b.get());
        int stored = b.getInt();
        int plainLength = b.getInt();
        int count = b.getInt();
        if (count < 0 || count > plain.length / BlobId.LENGTH) {
          throw new CorruptDataException("pack header segment " + s + " claims " + count + " blobs");
        }
        byte[] ids = new byte[count * BlobId.LENGTH];
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
          b.get(ids, i * BlobId.LENGTH, BlobId.LENGTH);
          lengths[i] = b.getInt();
        }
        out.add(new SegmentInfo(type, offset, stored, plainLength, ids, lengths));
        offset += stored;
      }
      return out;
    } catch (java.nio.BufferUnderflowException e) {
      throw new CorruptDataException("pack header is truncated", e);
    }
  }

  /** Seals an encoded header and appends its length, producing the pack's tail. */
  static byte[] tail(List<SegmentInfo> segments, Codec codec, Sealer sealer) {
    byte[] sealed = sealer.seal(codec.encode(encode(segments)));
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(sealed.length + 4);
      out.write(sealed);
      new DataOutputStream(out).writeInt(Integer.reverseBytes(sealed.length));
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
