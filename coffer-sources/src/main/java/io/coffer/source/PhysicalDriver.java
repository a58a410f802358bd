package io.coffer.source;

import io.coffer.model.Engine;
import java.io.IOException;
import io.coffer.source.SourceException.Reason;
import java.nio.file.Path;

/**
 * {@code PHYSICAL} backups: a running server's files, copied through the server so that the copy is
 * consistent, and a restore into a new data directory that starts. One implementation per engine
 * that has them (PostgreSQL: pg_backup_start/pg_backup_stop around a tree of the data directory plus
 * the WAL in between; MariaDB: mariadb-backup's stream); obtain them from {@link SourceDrivers#physical}.
 * Implementations are thread-safe and hold no state between calls.
 */
public interface PhysicalDriver {

  Engine engine();

  /**
   * Copies the node's data directory: what goes through the tree writer into {@code trees}, the rest
   * into {@code streams}. On failure the server is left as it was (a started backup is stopped) and
   * what was written is incomplete and must be discarded by the caller.
   */
  PhysicalReport backup(PhysicalRequest request, TreeSink trees, StreamSink streams, SourceListener listener)
      throws IOException;

  /**
   * Makes {@code target} a data directory ready to start. The caller has restored the report's tree
   * ({@link PhysicalReport#tree()}), if it has one, into {@code target} before; this writes the
   * report's streams and whatever the engine needs besides, and says how to start the server.
   */
  PhysicalRestored restore(PhysicalReport backup, StreamSource streams, Path target, SourceListener listener)
      throws IOException;

  /**
   * Like {@link #restore(PhysicalReport, StreamSource, Path, SourceListener)} for a backup that may
   * be an increment ({@link PhysicalReport#baseManifest()}): its chain, full copy first, is written
   * into {@code target} as one data directory as of the last backup. A driver whose backups are
   * always full copies accepts only a chain of one.
   */
  default PhysicalRestored restore(PhysicalChain chain, Path target, SourceListener listener) throws IOException {
    if (!chain.increments().isEmpty()) {
      throw new SourceException(Reason.INVALID_REQUEST, engine().id() + " PHYSICAL backups are full copies; "
          + chain.last().label() + " cannot be restored as an increment");
    }
    return restore(chain.full().report(), chain.full().streams(), target, listener);
  }

  /**
   * Starts a throwaway server on a restored data directory (a spare loopback port, nothing of the
   * original touched), runs the checks the backup recorded, and stops it. The connection uses the
   * original node's admin user and credential: the copy has the original's accounts.
   */
  PhysicalCheck verify(PhysicalReport backup, Path restored, NodeAccess original, SourceListener listener)
      throws IOException;
}
