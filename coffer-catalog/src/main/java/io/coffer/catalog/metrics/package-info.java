/** Aggregates of the catalog for monitoring: counts, sizes and times per node, kind, definition, agent, volume. */
package io.coffer.catalog.metrics;
