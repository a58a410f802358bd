/**
 * The SQLite driver: a database is a file. A backup copies each member with SQLite's online backup
 * API inside a read transaction (so writers in other processes may go on) and streams the copy; a
 * restore writes a new file beside the target, checks it ({@code PRAGMA integrity_check} and the
 * recorded table checksums) and only then moves it into place.
 */
package io.coffer.source.sqlite;
