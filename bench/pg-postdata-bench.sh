#!/usr/bin/env bash
# Times post-data alone (index builds and constraints) the way a restore runs it, at several job
# counts: `pg_restore --jobs` of a post-data archive (`pg_dump --format=custom --section=post-data`,
# as a Coffer backup stores it) into a copy of the database that holds its tables and rows and no
# indexes or constraints yet. Each variant runs once per round, rotated, into a fresh copy.
#
#   bench/pg-postdata-bench.sh                          # pgbench scale 50, jobs 2 and 4, 3 rounds
#   SCALE=5 ROUNDS=1 bench/pg-postdata-bench.sh         # quick run
#   SHAPE=wide ROWS=400000 bench/pg-postdata-bench.sh   # gen-wide.sql instead (or shop)
#   VARIANTS="2:one 4:one 4:two" …                      # JOBS:one (one pg_restore, as before) or
#                                                       # JOBS:two (the index builds, then the rest)
#   KEEP_DB=1 …                                         # keep (and reuse) the source and its copy
#
# "two" is what Coffer does with more than one job: a `pg_restore --list` of the archive split into
# the plain index builds and everything else, restored one after the other with `--use-list`.
# Needs the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust) with pgbench and pg_restore.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCALE=${SCALE:-50}
ROUNDS=${ROUNDS:-3}
SHAPE=${SHAPE:-}
VARIANTS=${VARIANTS:-"2:one 4:one 2:two 4:two"}
DB=${BENCH_DB:-coffer_pdbench}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/coffer-postdata-bench}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}

. "$root/bench/lib.sh"
drop() { psql -qX -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" 2>/dev/null; }
cleanup() {
  drop "${DB}_try"
  if [ -z "${KEEP_DB:-}" ]; then drop "$DB"; drop "${DB}_rows"; rm -rf "$work"; fi
}
trap cleanup EXIT

if [ -n "${KEEP_DB:-}" ] && [ -s "$work/post-data.dump" ]; then
  echo "== reusing $DB, ${DB}_rows and $work" >&2
else
  rm -rf "$work"; mkdir -p "$work"
  drop "$DB"; drop "${DB}_rows"
  psql -qX -d postgres -c "CREATE DATABASE $DB"
  if [ -n "$SHAPE" ]; then
    echo "== bench/gen-$SHAPE.sql with ${ROWS:?ROWS is needed with SHAPE} rows into $DB" >&2
    psql -qX -v ON_ERROR_STOP=1 -d "$DB" -v rows="$ROWS" -f "$root/bench/gen-$SHAPE.sql" >/dev/null
  else
    echo "== pgbench -i -s $SCALE into $DB" >&2
    pgbench -i -q -s "$SCALE" -I dtgvpf "$DB" 2>&1 | tail -n 1 >&2
    psql -qX -d "$DB" -c "CREATE INDEX ON pgbench_accounts (bid)" \
      -c "CREATE INDEX ON pgbench_accounts (abalance, aid)" -c "VACUUM ANALYZE"
  fi
  pg_dump --format=custom --compress=0 --section=post-data -f "$work/post-data.dump" "$DB"
  pg_dump --format=custom --compress=0 --section=pre-data --section=data -f "$work/rows.dump" "$DB"
  createdb -T template0 "${DB}_rows"
  pg_restore -j 2 -d "${DB}_rows" "$work/rows.dump"
  psql -qX -d "${DB}_rows" -c "VACUUM ANALYZE"
  pg_restore --list "$work/post-data.dump" | grep -v '^;' > "$work/all.list"
  grep -E '^[0-9]+; [0-9]+ [0-9]+ INDEX ' "$work/all.list" | grep -v ' INDEX ATTACH ' > "$work/indexes.list" || true
  grep -v -x -F -f "$work/indexes.list" "$work/all.list" > "$work/rest.list" || true
fi

post_data() {   # JOBS one|two
  if [ "$2" = one ]; then
    pg_restore --exit-on-error -j "$1" -d "${DB}_try" "$work/post-data.dump"
  else
    pg_restore --exit-on-error -j "$1" -L "$work/indexes.list" -d "${DB}_try" "$work/post-data.dump"
    pg_restore --exit-on-error -j "$1" -L "$work/rest.list" -d "${DB}_try" "$work/post-data.dump"
  fi
}

read -r -a variants <<< "$VARIANTS"
printf '| round |'; for v in "${variants[@]}"; do printf ' -j %s, %s pass s |' "${v%%:*}" "${v##*:}"; done; echo
printf '|---|'; for v in "${variants[@]}"; do printf -- '---|'; done; echo
n=${#variants[@]}
for round in $(seq "$ROUNDS"); do
  declare -A took=()
  for k in $(seq 0 $((n - 1))); do
    v=${variants[$(((round - 1 + k) % n))]}
    drop "${DB}_try"; createdb -T "${DB}_rows" "${DB}_try"
    settle
    took[$v]=$(timed post_data "${v%%:*}" "${v##*:}")
  done
  printf '| %s |' "$round"; for v in "${variants[@]}"; do printf ' %s |' "${took[$v]}"; done; echo
  unset took
done
echo "database $DB: $(psql -XAt -d postgres -c "SELECT pg_size_pretty(pg_database_size('$DB'))"); $(nproc) cores; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
