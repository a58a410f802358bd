package io.coffer.source.quiesce;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the snapshots Coffer makes: {@code coffer-<UTC time>-<pid>}. The prefix lets the next run
 * find leftovers; the pid tells a leftover of a process that is gone (remove it) from the snapshot of
 * a backup still running on this host (leave it). Valid as a btrfs path, an LVM volume name, a ZFS
 * snapshot name and an EBS tag value.
 */
public final class SnapshotName {

  public static final String PREFIX = "coffer-";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
  private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "\\d{8}T\\d{6}-(\\d+)");

  private SnapshotName() {}

  /** A new name for a snapshot this process takes now. */
  public static String next() {
    return PREFIX + TIME.format(Instant.now()) + "-" + ProcessHandle.current().pid();
  }

  /** True for a name this scheme made whose process no longer runs on this host. */
  public static boolean isLeftover(String name) {
    Optional<Long> pid = pid(name);
    return pid.isPresent() && pid.get() != ProcessHandle.current().pid()
        && !ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false);
  }

  static Optional<Long> pid(String name) {
    Matcher m = NAME.matcher(name);
    return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
  }
}
