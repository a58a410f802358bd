#!/usr/bin/env bash
# Stored size of the same plain pg_dump in a volume of format 1 and one of format 2 (same chunks,
# compression and encryption): what format 2's shorter per-blob metadata saves.
#
#   ROWS=500000 bench/format-bench.sh              # ~100 MB dump, 3 rounds
#   ROUNDS=5 …                                     # rounds (each volume has its own random key,
#                                                  # so its own chunk boundaries: rounds show the spread)
#   CHUNK_AVG=4 ROWS=500000 bench/format-bench.sh  # 4 KiB chunks (min avg/4, max avg*8) instead of 8
#   REUSE_DUMP=1 …                                 # keep the dump of an earlier run in $BENCH_DIR
#
# Needs the machine's PostgreSQL (127.0.0.1:5432, user postgres). Work files go to $BENCH_DIR
# (default: a directory under /tmp), removed at the end unless KEEP=1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS=${ROWS:-500000}
ROUNDS=${ROUNDS:-3}
CHUNK_AVG=${CHUNK_AVG:-8}
DB=${BENCH_DB:-coffer_format_bench}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/coffer-format-bench}
mkdir -p "$work"
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
export COFFER_JAVA_OPTS=${COFFER_JAVA_OPTS:--Xmx256m}
export COFFER_PASSWORD=bench-only-passphrase

. "$root/bench/lib.sh"
need bc bc

"$root/coffer" --version >/dev/null   # build once, outside the measurements

if [ -n "${REUSE_DUMP:-}" ] && [ -s "$work/dump.sql" ]; then
  echo "== reusing $work/dump.sql" >&2
else
  echo "== generating $ROWS rows in database $DB" >&2
  psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  psql -qX -d "$DB" -v rows="$ROWS" -f "$root/bench/gen-orders.sql"
  pg_dump -Fp -d "$DB" > "$work/dump.sql"
  psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB"
fi
dump_bytes=$(stat -c %s "$work/dump.sql")

cat <<MD
### One $(mb "$dump_bytes") MB plain dump ($ROWS rows), chunks avg $CHUNK_AVG KiB, zstd:2, encrypted

| round | format | blobs | data/ bytes | index/ bytes | backups/ bytes | total stored bytes | put s |
|---|---|---|---|---|---|---|---|
MD
# Bytes of the files under a folder (du would add the folders' own blocks).
bytes() { find "$1" -type f -printf '%s\n' | awk '{ n += $1 } END { print n + 0 }'; }
declare -A total
for round in $(seq 1 "$ROUNDS"); do
  for format in 1 2; do
    v="$work/format-$format"
    rm -rf "$v"
    "$root/coffer" volume init "$v" --format "$format" \
      --chunk-min $((CHUNK_AVG / 4 * 1024)) --chunk-avg "${CHUNK_AVG}K" --chunk-max "$((CHUNK_AVG * 8))K" >/dev/null
    t=$(timed "$root/coffer" volume put "$v" --name dump.sql - < "$work/dump.sql")
    blobs=$("$root/coffer" volume stats "$v" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["blobs"])')
    total[$round,$format]=$(( $(bytes "$v/data") + $(bytes "$v/index") + $(bytes "$v/backups") ))
    echo "| $round | $format | $blobs | $(bytes "$v/data") | $(bytes "$v/index") | $(bytes "$v/backups") | ${total[$round,$format]} | $t |"
  done
done
echo
for round in $(seq 1 "$ROUNDS"); do
  saved=$(( total[$round,1] - total[$round,2] ))
  echo "Round $round: format 2 stores $saved bytes less ($(echo "scale=2; 100 * $saved / ${total[$round,1]}" | bc)% of format 1's total, $(echo "scale=2; 100 * $saved / $dump_bytes" | bc)% of the dump)."
done
[ -n "${KEEP:-}" ] || rm -rf "$work"
