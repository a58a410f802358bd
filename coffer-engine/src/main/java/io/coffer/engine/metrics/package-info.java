/** What monitoring reads: the catalog's aggregates, for the server's Prometheus endpoint. */
package io.coffer.engine.metrics;
