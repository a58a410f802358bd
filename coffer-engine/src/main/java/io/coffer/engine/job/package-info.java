/**
 * Jobs as the engine carries them out: a claimed job run through the backup, restore and
 * verification services under a {@link io.coffer.engine.run.RunControl} that can abort it, its live
 * progress measured once for the catalog and the terminal bar, and the queue as the interfaces see
 * it (list, show, log, abort, leases that ran out).
 */
package io.coffer.engine.job;
