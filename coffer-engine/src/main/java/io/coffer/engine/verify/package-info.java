/**
 * Verification: a backup restored into scratch databases on a node, compared table by table with
 * the row counts and checksums it recorded, the scratch databases removed again, the result recorded
 * in the catalog. Also "verify every Nth backup" of a definition.
 */
package io.coffer.engine.verify;
