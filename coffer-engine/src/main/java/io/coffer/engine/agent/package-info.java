/**
 * {@code coffer agent run}: the long-running process on a backup host that registers its agent,
 * heartbeats, queues the runs its definitions, one-offs and scheduled restores are due for, claims
 * jobs from the catalog's queue within its limits, carries them out, and stops cleanly.
 */
package io.coffer.engine.agent;
