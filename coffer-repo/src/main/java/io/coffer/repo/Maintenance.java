package io.coffer.repo;

import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.Handle;
import io.coffer.repo.lock.Locks;
import java.io.IOException;
import java.util.Set;

/**
 * The exclusive lock held across several steps that must not interleave with a backup: forgetting
 * backups, then pruning what they alone held. Retention does both in one session, so that no backup
 * starts between them and the dry run can say what the real run would free. Close to release.
 */
public final class Maintenance implements AutoCloseable {

  private final Volume volume;
  private final Locks.Lock lock;

  Maintenance(Volume volume, Locks.Lock lock) {
    this.volume = volume;
    this.lock = lock;
  }

  /** Removes the manifest of backup {@code id} (a full id); one already gone is no error. */
  public void forget(String id) throws IOException {
    volume.backend().remove(new Handle(FileType.BACKUP, id));
  }

  /**
   * Deletes unreferenced data and repacks packs whose live fraction is below {@code repackBelow}.
   * A dry run may count the backups {@code asIfForgotten} as gone, to say what forgetting them
   * would free; a real run refuses that, since it would delete data their manifests still need.
   */
  public PruneReport prune(boolean dryRun, double repackBelow, Set<String> asIfForgotten, ProgressListener progress)
      throws IOException {
    if (repackBelow < 0 || repackBelow > 1) {
      throw new IllegalArgumentException("repack threshold must be between 0 and 1, got " + repackBelow);
    }
    if (!dryRun && !asIfForgotten.isEmpty()) {
      throw new IllegalArgumentException("only a dry run can count backups as forgotten; forget them first");
    }
    return new Pruner(volume, repackBelow, asIfForgotten, progress).run(dryRun);
  }

  @Override
  public void close() throws IOException {
    lock.close();
  }
}
