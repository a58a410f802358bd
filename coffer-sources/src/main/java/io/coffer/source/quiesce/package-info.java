/**
 * Quiesce methods: how a {@code FILES} backup gets a consistent view of a data directory. One class
 * per method ({@code none}, {@code stop-start}, {@code pre-post}, {@code btrfs}, {@code lvm}, {@code
 * zfs}) behind the small {@link io.coffer.source.quiesce.Quiesce} interface: {@code hold} makes the
 * directory consistent and says where to read it; closing the {@link io.coffer.source.quiesce.Hold}
 * undoes it, always (on failure, on cancellation, and from a shutdown hook when the JVM is
 * stopped). What a killed process could not undo is found by {@code recover} at the next run:
 * snapshots carrying the {@value io.coffer.source.quiesce.SnapshotName#PREFIX} prefix whose process
 * is gone, and start or post commands recorded as pending. How each method was verified is in
 * docs/operations.md.
 */
package io.coffer.source.quiesce;
