package io.coffer.source.quiesce;

import io.coffer.source.process.Cancellation;
import java.io.IOException;
import java.util.List;

/**
 * A way to make a data directory consistent while it is copied. Implementations are configured for
 * one node and hold no state between runs beyond what they record on disk or in snapshot names.
 */
public interface Quiesce {

  /** The method's name as configured: {@code none}, {@code stop-start}, {@code pre-post}, {@code btrfs}, … */
  String method();

  /**
   * Undoes what an earlier run on this host was killed before undoing: removes its leftover
   * snapshots and mounts, runs a start or post command it left pending. Returns one sentence per
   * thing done, for the backup's log; empty when there was nothing.
   */
  List<String> recover() throws IOException;

  /**
   * Makes the directory consistent and returns where to read it. The caller must close the hold
   * whatever happens; if this throws, what it had done is already undone.
   *
   * @param cancellation stops the commands this runs when the backup is aborted
   */
  Hold hold(Cancellation cancellation) throws IOException;
}
