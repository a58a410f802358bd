package io.coffer.repo.pack;

import io.coffer.repo.BlobType;
import io.coffer.repo.VolumeFormat;
import io.coffer.repo.compress.Codec;
import io.coffer.repo.crypto.Sealer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Collects sealed segments into one pack in memory and finishes it with its header. Not thread-safe;
 * the backup pipeline appends under its own lock. The pack's name is the SHA-256 of its bytes,
 * computed as they are appended so finishing costs no second pass.
 */
public final class PackWriter {

  private final List<SegmentInfo> segments = new ArrayList<>();
  private final MessageDigest sha;
  private byte[] buf;
  private int size;

  public PackWriter(int expectedSize) {
    this.buf = new byte[Math.max(expectedSize + expectedSize / 8, 1024)];
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Appends a sealed segment holding the given blobs. */
  public void add(BlobType type, byte[] sealed, int plainLength, byte[] ids, int[] lengths) {
    segments.add(new SegmentInfo(type, size, sealed.length, plainLength, ids, lengths));
    append(sealed);
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return segments.isEmpty();
  }

  /** Ends the pack; the writer cannot be used after it. */
  public FinishedPack finish(VolumeFormat format, Codec codec, Sealer sealer) {
    append(PackHeader.tail(format, segments, codec, sealer));
    String name = HexFormat.of().formatHex(sha.digest());
    byte[] bytes = size == buf.length ? buf : Arrays.copyOf(buf, size);
    // The upload holds this writer until the pack is saved; without its buffer, two packs in
    // flight hold 2 x 16 MiB of a 256 MiB heap instead of 2 x 34 MiB.
    buf = null;
    return new FinishedPack(name, bytes, List.copyOf(segments));
  }

  private void append(byte[] b) {
    if (size + b.length > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + b.length));
    }
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
    sha.update(b);
  }

  /** A complete pack, ready to save under {@code name}. */
  public record FinishedPack(String name, byte[] bytes, List<SegmentInfo> segments) {}
}
