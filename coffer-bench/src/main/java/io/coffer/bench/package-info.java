/** JMH benchmarks of the volume's per-byte hot paths, one core each (results in docs/benchmarks.md). */
package io.coffer.bench;
