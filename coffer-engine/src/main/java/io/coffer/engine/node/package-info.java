/**
 * Nodes as the drivers see them: the catalog's node turned into a source node, the driver for its
 * engine, the catalog's kinds and database selectors turned into the drivers' own, and the listing
 * of a node's databases.
 */
package io.coffer.engine.node;
