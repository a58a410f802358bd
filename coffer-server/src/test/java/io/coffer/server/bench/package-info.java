/** The API's benchmark (bench/api-bench.sh): many clients at once, and the overview of a large catalog. */
package io.coffer.server.bench;
