#!/usr/bin/env bash
# The administration API under load: generates a catalog of 1,000 nodes x 10 definitions and
# 1,000,000 backups (SQLite, kept in target/api-bench for later runs; GENERATE=1 makes it anew),
# serves it on loopback, and runs 100 clients for 60 s that poll a backup's progress and list a
# node's newest 100 backups in turn; then times the console's overview page. Options go to the
# load: --clients N --seconds N --overview-runs N. BACKUPS=N changes the catalog's size. With
# --backup-mb N it times a backup alone and under the clients instead; --clients-apart runs the
# clients in a JVM of their own (CLIENT_NICE=19 runs it under nice), as pollers on other hosts would be.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
home="$root/coffer-server/target/api-bench"
# One reactor run compiles and writes each module's test classpath (the reactor's own modules as
# their target/classes), so nothing needs installing.
./mvnw -B -q -pl coffer-server -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
if [ ! -f "$home/catalog.db" ] || [ -n "${GENERATE:-}" ]; then
  rm -rf "$home" && mkdir -p "$home"
  java -Xmx1g -cp "coffer-catalog/target/test-classes:coffer-catalog/target/classes:$(cat coffer-catalog/target/bench-classpath.txt)" \
    io.coffer.catalog.bench.GenerateCatalog --out "$home/catalog.db" --backups "${BACKUPS:-1000000}"
fi
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "coffer-server/target/test-classes:coffer-server/target/classes:$(cat coffer-server/target/bench-classpath.txt)" \
  io.coffer.server.bench.ApiBench --home "$home" "$@"
