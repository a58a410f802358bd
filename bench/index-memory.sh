#!/usr/bin/env bash
# Writes a volume whose indexes name BLOBS (10 million) synthetic blobs, opens it in a JVM with a
# heap of HEAP (1g), loads its index and looks every blob up; prints load time, lookups per second,
# heap held and the size of the index's tables.
# Usage: [HEAP=128m] [JAR=benchmarks.jar to measure instead of building one] bench/index-memory.sh [BLOBS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${JAR:-}"
if [ -z "$jar" ]; then
  (cd "$root" && ./mvnw -B -q -Pbench -pl coffer-bench -am package -DskipTests)
  jar="$root/coffer-bench/target/benchmarks.jar"
fi
exec java -Xmx"${HEAP:-1g}" -cp "$jar" io.coffer.repo.IndexMemoryBench "${1:-10000000}"
