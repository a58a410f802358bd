/**
 * What lets a backup run while the catalog is unreachable (DESIGN rule 3, PgBackMan's pending
 * files): a cache of the nodes, volumes and definitions the engine last read from the catalog, and
 * pending results written beside the agent and replayed into the catalog when it is back.
 */
package io.coffer.engine.offline;
