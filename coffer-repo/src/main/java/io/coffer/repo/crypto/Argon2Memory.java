package io.coffer.repo.crypto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Argon2id version 0x13 (RFC 9106) over one flat array of the memory's 1 KiB blocks.
 *
 * <p>Why not BouncyCastle's generator, which gives the same bytes: it holds the memory as one object
 * with its own {@code long[128]} per block, 65,536 objects for Coffer's 64 MiB, all allocated in the
 * young generation and alive until the end. In a fresh 256 MiB JVM the collector copied them at
 * least once, a pause of 0.3–1.5 s inside every command that opened a volume (docs/benchmarks.md).
 * One flat {@code long[]} was no cure where the young generation is larger than the memory (the
 * parallel collector's default young generation on a machine with 24 GiB is about 95 MiB): it was
 * born there and copied to the old generation by the first collection, a 0.2 s pause inside the key
 * derivation of every cold command. So the memory is one direct buffer, outside the heap, which no
 * collection copies; the compression function works on three on-heap scratch blocks, each block
 * moved in and out with one bulk copy.
 *
 * <p>Lanes are filled one after the other (a slice's lanes do not depend on each other, so the order
 * does not change the result); Coffer's keys use one lane.
 */
final class Argon2Memory {

  private static final int BLOCK_LONGS = 128;
  private static final int BLOCK_BYTES = 1024;
  private static final int SYNC_POINTS = 4;
  private static final int VERSION = 0x13;
  private static final int TYPE_ID = 2;

  private final int lanes;
  private final int passes;
  private final int laneLength;
  private final int segmentLength;
  private final int blocks;
  private final LongBuffer memory;
  // Scratch blocks of the compression function and the data-independent addressing.
  private final long[] r = new long[BLOCK_LONGS];
  private final long[] tmp = new long[BLOCK_LONGS];
  private final long[] zero = new long[BLOCK_LONGS];
  private final long[] input = new long[BLOCK_LONGS];
  private final long[] addresses = new long[BLOCK_LONGS];
  // The previous, reference and next block of the one being computed, copied out of the memory.
  private final long[] previousBlock = new long[BLOCK_LONGS];
  private final long[] referenceBlock = new long[BLOCK_LONGS];
  private final long[] nextBlock = new long[BLOCK_LONGS];

  private Argon2Memory(int memoryKiB, int passes, int lanes) {
    this.lanes = lanes;
    this.passes = passes;
    int m = Math.max(memoryKiB, 2 * SYNC_POINTS * lanes);
    this.segmentLength = m / (lanes * SYNC_POINTS);
    this.laneLength = segmentLength * SYNC_POINTS;
    this.blocks = laneLength * lanes;
    this.memory = ByteBuffer.allocateDirect(blocks * BLOCK_BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
  }

  /** Refuses costs outside the algorithm or beyond this implementation, naming them. */
  static void checkCosts(int memoryKiB, int passes, int lanes, int length) {
    if (lanes < 1 || passes < 1 || length < 4 || memoryKiB < 8 * lanes) {
      throw new IllegalArgumentException("Argon2id needs lanes >= 1, passes >= 1, a tag of >= 4 bytes and"
          + " memory >= 8 KiB per lane (got lanes " + lanes + ", passes " + passes + ", tag " + length
          + ", memory " + memoryKiB + " KiB)");
    }
    if (memoryKiB > Integer.MAX_VALUE / BLOCK_BYTES) {
      throw new IllegalArgumentException("Argon2id memory of at most " + Integer.MAX_VALUE / BLOCK_BYTES
          + " KiB is supported (got " + memoryKiB + " KiB)");
    }
  }

  /** The tag of {@code password} under {@code salt}; the caller wipes the password. */
  static byte[] hash(byte[] password, byte[] salt, int memoryKiB, int passes, int lanes, int length) {
    checkCosts(memoryKiB, passes, lanes, length);
    Argon2Memory state = new Argon2Memory(memoryKiB, passes, lanes);
    try {
      byte[] h0 = state.initialHash(password, salt, memoryKiB, length);
      state.firstBlocks(h0);
      Arrays.fill(h0, (byte) 0);
      for (int pass = 0; pass < passes; pass++) {
        for (int slice = 0; slice < SYNC_POINTS; slice++) {
          for (int lane = 0; lane < lanes; lane++) {
            state.fillSegment(pass, slice, lane);
          }
        }
      }
      return state.tag(length);
    } finally {
      state.wipe();
      Arrays.fill(state.r, 0L);
      Arrays.fill(state.tmp, 0L);
      Arrays.fill(state.addresses, 0L);
    }
  }

  private byte[] initialHash(byte[] password, byte[] salt, int memoryKiB, int length) {
    Blake2bDigest digest = new Blake2bDigest(512);
    int[] header = {lanes, length, memoryKiB, passes, VERSION, TYPE_ID};
    for (int value : header) {
      update(digest, value);
    }
    update(digest, password.length);
    digest.update(password, 0, password.length);
    update(digest, salt.length);
    digest.update(salt, 0, salt.length);
    update(digest, 0); // no secret key
    update(digest, 0); // no associated data
    byte[] h0 = new byte[64];
    digest.doFinal(h0, 0);
    return h0;
  }

  /** Blocks 0 and 1 of every lane: H'(H0 || block index || lane). */
  private void firstBlocks(byte[] h0) {
    byte[] seed = Arrays.copyOf(h0, 72);
    byte[] block = new byte[BLOCK_BYTES];
    for (int lane = 0; lane < lanes; lane++) {
      for (int column = 0; column < 2; column++) {
        littleEndian(column, seed, 64);
        littleEndian(lane, seed, 68);
        variableHash(seed, block);
        for (int i = 0; i < BLOCK_LONGS; i++) {
          nextBlock[i] = longAt(block, i * 8);
        }
        memory.put((lane * laneLength + column) * BLOCK_LONGS, nextBlock, 0, BLOCK_LONGS);
      }
    }
    Arrays.fill(seed, (byte) 0);
    Arrays.fill(block, (byte) 0);
  }

  private void fillSegment(int pass, int slice, int lane) {
    boolean independent = pass == 0 && slice < SYNC_POINTS / 2;
    int start = 0;
    if (independent) {
      Arrays.fill(input, 0L);
      input[0] = pass;
      input[1] = lane;
      input[2] = slice;
      input[3] = blocks;
      input[4] = passes;
      input[5] = TYPE_ID;
    }
    if (pass == 0 && slice == 0) {
      start = 2;
      if (independent) {
        nextAddresses();
      }
    }
    int current = lane * laneLength + slice * segmentLength + start;
    int previous = current % laneLength == 0 ? current + laneLength - 1 : current - 1;
    for (int i = start; i < segmentLength; i++, current++, previous++) {
      if (current % laneLength == 1) {
        previous = current - 1;
      }
      long pseudoRandom;
      if (independent) {
        if (i % BLOCK_LONGS == 0) {
          nextAddresses();
        }
        pseudoRandom = addresses[i % BLOCK_LONGS];
      } else {
        pseudoRandom = memory.get(previous * BLOCK_LONGS);
      }
      int refLane = pass == 0 && slice == 0 ? lane : (int) ((pseudoRandom >>> 32) % lanes);
      int refIndex = referenceIndex(pass, slice, i, pseudoRandom & 0xFFFFFFFFL, refLane == lane);
      memory.get(previous * BLOCK_LONGS, previousBlock, 0, BLOCK_LONGS);
      memory.get((refLane * laneLength + refIndex) * BLOCK_LONGS, referenceBlock, 0, BLOCK_LONGS);
      if (pass > 0) {
        memory.get(current * BLOCK_LONGS, nextBlock, 0, BLOCK_LONGS);
      }
      fillBlock(previousBlock, 0, referenceBlock, 0, nextBlock, 0, pass > 0);
      memory.put(current * BLOCK_LONGS, nextBlock, 0, BLOCK_LONGS);
    }
  }

  /** The column of the reference block within its lane (RFC 9106 section 3.4.1.2). */
  private int referenceIndex(int pass, int slice, int index, long j1, boolean sameLane) {
    long areaSize;
    if (pass == 0) {
      if (slice == 0) {
        areaSize = index - 1;
      } else if (sameLane) {
        areaSize = (long) slice * segmentLength + index - 1;
      } else {
        areaSize = (long) slice * segmentLength + (index == 0 ? -1 : 0);
      }
    } else if (sameLane) {
      areaSize = laneLength - segmentLength + index - 1;
    } else {
      areaSize = laneLength - segmentLength + (index == 0 ? -1 : 0);
    }
    long relative = (j1 * j1) >>> 32;
    relative = areaSize - 1 - ((areaSize * relative) >>> 32);
    long startPosition = pass != 0 && slice != SYNC_POINTS - 1 ? (long) (slice + 1) * segmentLength : 0;
    return (int) ((startPosition + relative) % laneLength);
  }

  private void nextAddresses() {
    input[6]++;
    fillBlock(zero, 0, input, 0, addresses, 0, false);
    fillBlock(zero, 0, addresses, 0, addresses, 0, false);
  }

  /** next = G(prev, ref), or next ^= G(prev, ref) after the first pass (version 0x13). */
  private void fillBlock(long[] prev, int prevAt, long[] ref, int refAt, long[] next, int nextAt, boolean xor) {
    long[] r = this.r;
    long[] tmp = this.tmp;
    for (int i = 0; i < BLOCK_LONGS; i++) {
      r[i] = prev[prevAt + i] ^ ref[refAt + i];
    }
    if (xor) {
      for (int i = 0; i < BLOCK_LONGS; i++) {
        tmp[i] = r[i] ^ next[nextAt + i];
      }
    } else {
      System.arraycopy(r, 0, tmp, 0, BLOCK_LONGS);
    }
    for (int row = 0; row < 8; row++) {
      int b = row * 16;
      permute(r, b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7, b + 8, b + 9, b + 10, b + 11, b + 12,
          b + 13, b + 14, b + 15);
    }
    for (int col = 0; col < 8; col++) {
      int b = col * 2;
      permute(r, b, b + 1, b + 16, b + 17, b + 32, b + 33, b + 48, b + 49, b + 64, b + 65, b + 80, b + 81,
          b + 96, b + 97, b + 112, b + 113);
    }
    for (int i = 0; i < BLOCK_LONGS; i++) {
      next[nextAt + i] = tmp[i] ^ r[i];
    }
  }

  /**
   * BLAKE2b's round on 16 words of {@code v} with Argon2's multiplication (fBlaMka), in locals: the
   * interpreter and both compilers run it several times faster than the same steps on the array.
   */
  private static void permute(long[] v, int i0, int i1, int i2, int i3, int i4, int i5, int i6, int i7, int i8,
      int i9, int i10, int i11, int i12, int i13, int i14, int i15) {
    long v0 = v[i0];
    long v1 = v[i1];
    long v2 = v[i2];
    long v3 = v[i3];
    long v4 = v[i4];
    long v5 = v[i5];
    long v6 = v[i6];
    long v7 = v[i7];
    long v8 = v[i8];
    long v9 = v[i9];
    long v10 = v[i10];
    long v11 = v[i11];
    long v12 = v[i12];
    long v13 = v[i13];
    long v14 = v[i14];
    long v15 = v[i15];
    v0 = blaMka(v0, v4);
    v12 = Long.rotateRight(v12 ^ v0, 32);
    v8 = blaMka(v8, v12);
    v4 = Long.rotateRight(v4 ^ v8, 24);
    v0 = blaMka(v0, v4);
    v12 = Long.rotateRight(v12 ^ v0, 16);
    v8 = blaMka(v8, v12);
    v4 = Long.rotateRight(v4 ^ v8, 63);
    v1 = blaMka(v1, v5);
    v13 = Long.rotateRight(v13 ^ v1, 32);
    v9 = blaMka(v9, v13);
    v5 = Long.rotateRight(v5 ^ v9, 24);
    v1 = blaMka(v1, v5);
    v13 = Long.rotateRight(v13 ^ v1, 16);
    v9 = blaMka(v9, v13);
    v5 = Long.rotateRight(v5 ^ v9, 63);
    v2 = blaMka(v2, v6);
    v14 = Long.rotateRight(v14 ^ v2, 32);
    v10 = blaMka(v10, v14);
    v6 = Long.rotateRight(v6 ^ v10, 24);
    v2 = blaMka(v2, v6);
    v14 = Long.rotateRight(v14 ^ v2, 16);
    v10 = blaMka(v10, v14);
    v6 = Long.rotateRight(v6 ^ v10, 63);
    v3 = blaMka(v3, v7);
    v15 = Long.rotateRight(v15 ^ v3, 32);
    v11 = blaMka(v11, v15);
    v7 = Long.rotateRight(v7 ^ v11, 24);
    v3 = blaMka(v3, v7);
    v15 = Long.rotateRight(v15 ^ v3, 16);
    v11 = blaMka(v11, v15);
    v7 = Long.rotateRight(v7 ^ v11, 63);
    v0 = blaMka(v0, v5);
    v15 = Long.rotateRight(v15 ^ v0, 32);
    v10 = blaMka(v10, v15);
    v5 = Long.rotateRight(v5 ^ v10, 24);
    v0 = blaMka(v0, v5);
    v15 = Long.rotateRight(v15 ^ v0, 16);
    v10 = blaMka(v10, v15);
    v5 = Long.rotateRight(v5 ^ v10, 63);
    v1 = blaMka(v1, v6);
    v12 = Long.rotateRight(v12 ^ v1, 32);
    v11 = blaMka(v11, v12);
    v6 = Long.rotateRight(v6 ^ v11, 24);
    v1 = blaMka(v1, v6);
    v12 = Long.rotateRight(v12 ^ v1, 16);
    v11 = blaMka(v11, v12);
    v6 = Long.rotateRight(v6 ^ v11, 63);
    v2 = blaMka(v2, v7);
    v13 = Long.rotateRight(v13 ^ v2, 32);
    v8 = blaMka(v8, v13);
    v7 = Long.rotateRight(v7 ^ v8, 24);
    v2 = blaMka(v2, v7);
    v13 = Long.rotateRight(v13 ^ v2, 16);
    v8 = blaMka(v8, v13);
    v7 = Long.rotateRight(v7 ^ v8, 63);
    v3 = blaMka(v3, v4);
    v14 = Long.rotateRight(v14 ^ v3, 32);
    v9 = blaMka(v9, v14);
    v4 = Long.rotateRight(v4 ^ v9, 24);
    v3 = blaMka(v3, v4);
    v14 = Long.rotateRight(v14 ^ v3, 16);
    v9 = blaMka(v9, v14);
    v4 = Long.rotateRight(v4 ^ v9, 63);
    v[i0] = v0;
    v[i1] = v1;
    v[i2] = v2;
    v[i3] = v3;
    v[i4] = v4;
    v[i5] = v5;
    v[i6] = v6;
    v[i7] = v7;
    v[i8] = v8;
    v[i9] = v9;
    v[i10] = v10;
    v[i11] = v11;
    v[i12] = v12;
    v[i13] = v13;
    v[i14] = v14;
    v[i15] = v15;
  }

  private static long blaMka(long x, long y) {
    return x + y + 2 * (x & 0xFFFFFFFFL) * (y & 0xFFFFFFFFL);
  }

  /** Zeroes the memory and the scratch blocks: they hold what the password was stretched into. */
  private void wipe() {
    for (int at = 0; at < memory.capacity(); at += BLOCK_LONGS) {
      memory.put(at, zero, 0, BLOCK_LONGS);
    }
    Arrays.fill(nextBlock, 0L);
    Arrays.fill(previousBlock, 0L);
    Arrays.fill(referenceBlock, 0L);
  }

  /** H'(the XOR of every lane's last block), {@code length} bytes. */
  private byte[] tag(int length) {
    long[] last = new long[BLOCK_LONGS];
    for (int lane = 0; lane < lanes; lane++) {
      int at = (lane * laneLength + laneLength - 1) * BLOCK_LONGS;
      for (int i = 0; i < BLOCK_LONGS; i++) {
        last[i] ^= memory.get(at + i);
      }
    }
    byte[] bytes = new byte[BLOCK_BYTES];
    for (int i = 0; i < BLOCK_LONGS; i++) {
      littleEndian(last[i], bytes, i * 8);
    }
    byte[] out = new byte[length];
    variableHash(bytes, out);
    Arrays.fill(bytes, (byte) 0);
    Arrays.fill(last, 0L);
    return out;
  }

  /** H' of RFC 9106 section 3.3: BLAKE2b stretched to {@code out.length} bytes. */
  private static void variableHash(byte[] in, byte[] out) {
    byte[] length = new byte[4];
    littleEndian(out.length, length, 0);
    if (out.length <= 64) {
      Blake2bDigest digest = new Blake2bDigest(out.length * 8);
      digest.update(length, 0, 4);
      digest.update(in, 0, in.length);
      digest.doFinal(out, 0);
      return;
    }
    Blake2bDigest digest = new Blake2bDigest(512);
    byte[] v = new byte[64];
    digest.update(length, 0, 4);
    digest.update(in, 0, in.length);
    digest.doFinal(v, 0);
    System.arraycopy(v, 0, out, 0, 32);
    int at = 32;
    int r = (out.length + 31) / 32 - 2;
    for (int i = 2; i <= r; i++) {
      digest.update(v, 0, 64);
      digest.doFinal(v, 0);
      System.arraycopy(v, 0, out, at, 32);
      at += 32;
    }
    Blake2bDigest lastDigest = new Blake2bDigest((out.length - 32 * r) * 8);
    lastDigest.update(v, 0, 64);
    lastDigest.doFinal(out, at);
    Arrays.fill(v, (byte) 0);
  }

  private static void update(Blake2bDigest digest, int value) {
    byte[] bytes = new byte[4];
    littleEndian(value, bytes, 0);
    digest.update(bytes, 0, 4);
  }

  private static void littleEndian(int value, byte[] to, int at) {
    to[at] = (byte) value;
    to[at + 1] = (byte) (value >>> 8);
    to[at + 2] = (byte) (value >>> 16);
    to[at + 3] = (byte) (value >>> 24);
  }

  private static void littleEndian(long value, byte[] to, int at) {
    littleEndian((int) value, to, at);
    littleEndian((int) (value >>> 32), to, at + 4);
  }

  private static long longAt(byte[] from, int at) {
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = (value << 8) | (from[at + i] & 0xFFL);
    }
    return value;
  }
}
