/**
 * {@code GET /metrics} for Prometheus (Micrometer): what the catalog says about backups,
 * verifications, jobs, agents and volumes, read at each scrape, and the API's own request timings.
 */
package io.coffer.server.metrics;
