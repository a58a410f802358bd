/**
 * The catalog benchmark (run by {@code bench/catalog-bench.sh}, not by the test suite): a generated
 * catalog of many nodes, definitions and backups, and the timings of the queries people wait on.
 */
package io.coffer.catalog.bench;
