package io.coffer.engine.backup;

import io.coffer.model.Kind;
import java.util.OptionalLong;

/**
 * Whether a backup compiles the volume's per-byte hot paths on purpose while the volume's key is
 * derived ({@link io.coffer.repo.Volume#warmUp()}).
 *
 * <p>Why: the warm-up makes a large backup run compiled code from its first megabyte, but its
 * compilations take about half a CPU-second of a two-core machine, beside the key derivation the
 * backup waits for. A cold backup of a 1,000-row database (8.5 MB as PostgreSQL counts it, 350 KB of
 * dump) took 0.1–0.3 s and about half a CPU-second less without it (docs/benchmarks.md, "sixth
 * session"). An empty PostgreSQL database is already about 7.5 MB, so the line is drawn well above
 * that.
 */
final class HotPathWarmUp {

  /** The databases' size from which a logical backup warms up. */
  static final long FROM_BYTES = 64L << 20;

  private HotPathWarmUp() {}

  /**
   * Whether a backup of this kind warms up before the node is asked anything: FILES and PHYSICAL
   * backups learn their size only by reading it.
   */
  static boolean beforeAsking(Kind kind) {
    return kind == Kind.FILES || kind == Kind.PHYSICAL;
  }

  /**
   * Whether a logical backup asks the node for its size at all: only while the warm-up can still
   * start ({@code canWarmUp}: a volume is being opened and none ran yet). Once the volume is open, as
   * for an agent's later backups into it, the answer would change nothing, and the question cost a
   * connection to the node, about 30 ms of a 1,000-row database's backup of 0.6 s.
   */
  static boolean asksSize(Kind kind, boolean canWarmUp) {
    return canWarmUp && kind.hasData() && !beforeAsking(kind);
  }

  /**
   * Whether a logical backup of databases of {@code size} bytes (empty: the node could not tell)
   * warms up; one without data never does.
   */
  static boolean pays(Kind kind, OptionalLong size) {
    return kind.hasData() && !beforeAsking(kind) && size.orElse(Long.MAX_VALUE) >= FROM_BYTES;
  }
}
