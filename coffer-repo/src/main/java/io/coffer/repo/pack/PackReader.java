package io.coffer.repo.pack;

import io.coffer.repo.CorruptDataException;
import io.coffer.repo.VolumeFormat;
import io.coffer.repo.backend.Backend;
import io.coffer.repo.backend.Handle;
import io.coffer.repo.compress.Codec;
import io.coffer.repo.crypto.Sealer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Reads a pack's header with two range reads (length, then header), without loading the pack. */
public final class PackReader {

  private PackReader() {}

  public static List<SegmentInfo> header(Backend backend, Handle pack, Sealer sealer, VolumeFormat format) throws IOException {
    long size = backend.stat(pack);
    if (size < 4) {
      throw new CorruptDataException("pack " + pack.name() + " is truncated (" + size + " bytes)");
    }
    int length = ByteBuffer.wrap(backend.loadRange(pack, size - 4, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (length <= 0 || length > size - 4) {
      throw new CorruptDataException("pack " + pack.name() + " has an invalid header length " + length);
    }
    byte[] sealed = backend.loadRange(pack, size - 4 - length, length);
    return PackHeader.decode(format, Codec.decode(sealer.open(sealed)));
  }

  /** Parses the header from a whole pack already in memory (check --read-data, repack). */
  public static List<SegmentInfo> header(byte[] pack, Sealer sealer, VolumeFormat format, String name) {
    if (pack.length < 4) {
      throw new CorruptDataException("pack " + name + " is truncated (" + pack.length + " bytes)");
    }
    int length = ByteBuffer.wrap(pack, pack.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (length <= 0 || length > pack.length - 4) {
      throw new CorruptDataException("pack " + name + " has an invalid header length " + length);
    }
    return PackHeader.decode(format, Codec.decode(sealer.open(pack, pack.length - 4 - length, length)));
  }
}
