/**
 * {@code coffer --server URL --token-file FILE …}: the commands that make sense from a laptop (list,
 * run, abort, restore) sent to a server's API instead of run against a catalog, so that operators need
 * no catalog credentials.
 */
package io.coffer.cli.remote;
