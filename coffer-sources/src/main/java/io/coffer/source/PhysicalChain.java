package io.coffer.source;

import java.util.List;

/**
 * The backups a {@code PHYSICAL} restore writes, in the order it writes them: the full copy first,
 * then each increment up to the backup restored (only the full copy when that backup is one).
 *
 * @param backups oldest first; never empty
 */
public record PhysicalChain(List<Link> backups) {

  public PhysicalChain {
    backups = List.copyOf(backups);
    if (backups.isEmpty()) {
      throw new IllegalArgumentException("a restore chain holds at least the backup restored");
    }
  }

  /** One backup of the chain: how messages name it ("backup 12"), its report and its streams. */
  public record Link(String label, PhysicalReport report, StreamSource streams) {}

  public static PhysicalChain of(Link only) {
    return new PhysicalChain(List.of(only));
  }

  public Link full() {
    return backups.get(0);
  }

  /** The increments after the full copy, oldest first. */
  public List<Link> increments() {
    return backups.subList(1, backups.size());
  }

  /** The backup restored. */
  public Link last() {
    return backups.get(backups.size() - 1);
  }
}
