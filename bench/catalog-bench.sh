#!/usr/bin/env bash
# Catalog benchmark: generates 1,000 nodes x 10 definitions and 1,000,000 backups in a temporary
# SQLite file and a temporary PostgreSQL schema (both dropped afterwards), then times
# `backup list --node X` (newest 100), stats and definition list through the catalog API.
# Needs the machine's PostgreSQL (COFFER_TEST_PG_URL / COFFER_TEST_PG_USER, default
# jdbc:postgresql://127.0.0.1:5432/postgres as postgres). Options: --dialect sqlite|postgresql|both,
# --nodes N, --definitions N, --backups N, --seed N.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -B -q -pl coffer-catalog -am test-compile
classpath="$(./mvnw -B -q -pl coffer-catalog dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
exec java -Xmx1g -cp "coffer-catalog/target/test-classes:coffer-catalog/target/classes:$classpath" \
  io.coffer.catalog.bench.CatalogBench "$@"
