/** {@code coffer backup}: run a backup now, list, show, look into and delete backups. */
package io.coffer.cli.backup;
