#!/usr/bin/env bash
# Opens a volume whose indexes name 10 million blobs inside a 1 GiB heap and prints load time and
# heap held. Usage: bench/index-memory.sh [BLOBS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$root" && ./mvnw -B -q -Pbench -pl coffer-bench -am package -DskipTests)
exec java -Xmx1g -cp "$root/coffer-bench/target/benchmarks.jar" io.coffer.repo.IndexMemoryBench "${1:-10000000}"
