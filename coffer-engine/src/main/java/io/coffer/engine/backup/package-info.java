/**
 * Running a backup: resolving what to back up (a definition or a request by hand) into a plan,
 * recording it RUNNING, letting the node's driver write its streams into a volume backup,
 * committing it with its tags and report, and recording how it ended — in the catalog, or in a
 * pending file while the catalog is unreachable.
 */
package io.coffer.engine.backup;
