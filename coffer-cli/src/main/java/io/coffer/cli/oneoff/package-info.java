/** {@code coffer oneoff}: backups planned to run once at a given time (PgBackMan's snapshots). */
package io.coffer.cli.oneoff;
