/**
 * Definitions and one-offs where they reach beyond the catalog: removing one with force takes its
 * backups out of the catalog and forgets them in their volumes too.
 */
package io.coffer.engine.definition;
