package io.coffer.source;

/**
 * A directory outside a PHYSICAL backup's data directory that the data directory reaches through a
 * symlink, stored as a tree of its own beside the data directory's (PostgreSQL: a tablespace, linked
 * from {@code pg_tblspc/<oid>}). The symlink itself is left out of the data directory's tree: a
 * restore puts the directory where it is asked to and makes the symlink point there, so a restored
 * copy never points into the original's files.
 *
 * @param name what the server calls it (PostgreSQL: the tablespace's name); a restore may be told
 *     where to put it by this name or by the last element of {@code link}
 * @param link the symlink's path in the data directory, {@code /} between names ({@code pg_tblspc/16385})
 * @param location the absolute directory the symlink pointed to on the node's host
 * @param tree the tree it was stored as
 */
public record LinkedTree(String name, String link, String location, TreeSink.TreeWritten tree) {

  /** The last element of the link (PostgreSQL: the tablespace's OID). */
  public String key() {
    return link.substring(link.lastIndexOf('/') + 1);
  }
}
