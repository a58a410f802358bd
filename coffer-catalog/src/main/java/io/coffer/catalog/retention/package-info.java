/**
 * How long backups are kept: a per-backup {@link io.coffer.catalog.retention.Expire} ({@code 1w 3d}),
 * a {@link io.coffer.catalog.retention.RetentionPeriod} with a minimum {@link
 * io.coffer.catalog.retention.Redundancy}, and keep-daily/weekly/monthly/yearly counts. These are
 * values the catalog stores and validates; the engine enforces them.
 */
package io.coffer.catalog.retention;
