package io.coffer.repo;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A segment's plaintext in an array that goes back to its {@link Pool} once every holder released
 * it: a restore decoded each segment into a new array, which the JVM zeroes before zstd fills it, and
 * those arrays were ~1 GB of garbage for a 600 MB data directory (a fifth of the reading threads'
 * time in zeroing and five collections stopping every thread; docs/benchmarks.md).
 *
 * <p>Holders: whoever got it from {@link BlobReader#runSegment} (a run being written), and the
 * reader's cache of recent segments while it keeps it. Each holder releases once; a holder that never
 * releases (a run cancelled by a failure) only leaves the array to the garbage collector. An array is
 * reused only after its last release, so the failure mode of a missed release is garbage, never a
 * segment overwritten while it is written out.
 *
 * <p>A reader of restored files decodes into direct buffers of the same pool instead ({@link
 * BlobReader}'s off-heap runs), held and released the same way.
 */
final class DecodedSegment {

  /**
   * The plaintext is {@code bytes[0, length)}, or, decoded off the heap, the {@code length} bytes of
   * {@code direct} from {@code start}; the rest is left over from earlier use. Exactly one of the two
   * is set.
   */
  final byte[] bytes;
  final ByteBuffer direct;
  final int start;
  final int length;
  private final Pool pool;
  private final AtomicInteger holders = new AtomicInteger(1);

  DecodedSegment(byte[] bytes, int length, Pool pool) {
    this(bytes, null, 0, length, pool);
  }

  /**
   * A segment decoded into a direct buffer of the pool ({@link Pool#takeDirect}), its plaintext from
   * {@code start} (1 where a segment stored raw is its opened bytes, behind the flag).
   */
  DecodedSegment(ByteBuffer direct, int start, int length, Pool pool) {
    this(null, direct, start, length, pool);
  }

  private DecodedSegment(byte[] bytes, ByteBuffer direct, int start, int length, Pool pool) {
    this.bytes = bytes;
    this.direct = direct;
    this.start = start;
    this.length = length;
    this.pool = pool;
  }

  /** Copies {@code length} bytes at {@code offset} of the plaintext into {@code into} at {@code at}. */
  void copy(int offset, byte[] into, int at, int length) {
    if (bytes != null) {
      System.arraycopy(bytes, offset, into, at, length);
    } else {
      direct.get(start + offset, into, at, length);
    }
  }

  /** Adds a holder; only while the caller itself holds the segment (or the lock of whoever does). */
  DecodedSegment retain() {
    if (holders.getAndIncrement() <= 0) {
      throw new IllegalStateException("a released segment cannot be retained");
    }
    return this;
  }

  /** Drops one holder; the last one gives the array back to the pool. */
  void release() {
    int left = holders.decrementAndGet();
    if (left == 0) {
      if (bytes != null) {
        pool.offer(bytes);
      } else {
        pool.offer(direct);
      }
    } else if (left < 0) {
      throw new IllegalStateException("a segment was released more often than it was held");
    }
  }

  /**
   * Arrays and direct buffers for segments, each kind kept up to a count; any one at least as long as
   * asked for is taken.
   */
  static final class Pool {
    private final Queue<byte[]> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final Queue<ByteBuffer> freeDirect = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sizeDirect = new AtomicInteger();
    /** The direct buffers' bytes, in use or idle here; dropped ones are no longer counted. */
    private final AtomicLong directBytes = new AtomicLong();
    private final long directBudget;
    private final int capacity;
    private final int arrayLength;

    /** Up to {@code capacity} arrays, new ones of at least {@code arrayLength} bytes. */
    Pool(int capacity, int arrayLength) {
      this(capacity, arrayLength, defaultDirectBudget());
    }

    /**
     * @param directBudget the direct buffers' bytes this pool may have at once: past it {@link
     *     #takeDirect} gives none, and the caller decodes in arrays
     */
    Pool(int capacity, int arrayLength, long directBudget) {
      this.capacity = capacity;
      this.arrayLength = arrayLength;
      this.directBudget = directBudget;
    }

    /**
     * 64 MiB, or half the heap's maximum where that is less: the JVM's direct memory is as large as
     * its heap unless told otherwise, and a restore run with {@code -Xmx32m} ran out of it.
     */
    private static long defaultDirectBudget() {
      return Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 2);
    }

    /** An array of at least {@code length} bytes, from the pool when it has one that long. */
    byte[] take(int length) {
      for (int tries = 0; tries < 2; tries++) {
        byte[] b = free.poll();
        if (b == null) {
          break;
        }
        size.decrementAndGet();
        if (b.length >= length) {
          return b;
        }
        offer(b);
      }
      return new byte[Math.max(length, arrayLength)];
    }

    void offer(byte[] b) {
      if (size.incrementAndGet() <= capacity) {
        free.offer(b);
      } else {
        size.decrementAndGet();
      }
    }

    /**
     * A direct buffer of at least {@code length} bytes, its position 0 and its limit its capacity
     * (readers address it absolutely and never move them), from the pool when it has one that long;
     * null when a new one would pass the pool's budget of direct memory. One not given back is freed
     * by the garbage collector, as any direct buffer is.
     */
    ByteBuffer takeDirect(int length) {
      for (int tries = 0; tries < 2; tries++) {
        ByteBuffer b = freeDirect.poll();
        if (b == null) {
          break;
        }
        sizeDirect.decrementAndGet();
        if (b.capacity() >= length) {
          return b;
        }
        offer(b);
      }
      int size = Math.max(length, arrayLength);
      if (directBytes.addAndGet(size) > directBudget) {
        directBytes.addAndGet(-size);
        return null;
      }
      return ByteBuffer.allocateDirect(size);
    }

    void offer(ByteBuffer b) {
      if (sizeDirect.incrementAndGet() <= capacity) {
        freeDirect.offer(b);
      } else {
        sizeDirect.decrementAndGet();
        directBytes.addAndGet(-b.capacity());
      }
    }
  }
}
