/**
 * Sources: drivers that read a consistent image of a database as named byte streams and write one
 * back. They never touch the volume format or the catalog; the engine hands a {@link
 * io.coffer.source.StreamSink} to a backup and a {@link io.coffer.source.StreamSource} to a restore
 * and stores the returned {@link io.coffer.source.BackupReport} as JSON.
 *
 * <p>The public surface is this package: the two stream seams, the request and report records, {@link
 * io.coffer.source.SourceDriver} and {@link io.coffer.source.SourceDrivers}. The engine packages
 * ({@code postgres}, {@code mariadb}, {@code sqlite}) hold one driver each; {@code process} runs
 * child processes and parallel tasks. The stream layout and the consistency guarantees are described
 * in docs/sources.md.
 */
package io.coffer.source;
