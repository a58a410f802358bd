#!/usr/bin/env bash
# Times `coffer restore run` of a FULL PostgreSQL backup against `pg_restore -j` of a directory-format
# pg_dump of the same database, both into a fresh database, back to back, several rounds.
#
#   bench/pg-restore-bench.sh                  # pgbench scale 50 (~750 MB on disk), 3 rounds, 2 jobs
#   SCALE=5 ROUNDS=1 bench/pg-restore-bench.sh # quick run
#   ROWS=2000000 bench/pg-restore-bench.sh     # the mixed-type shop database of pg-bench.sh instead
#   SHAPE=wide ROWS=400000 …                   # one wide table with bytea and indexes (gen-wide.sql)
#   SHAPE=events ROWS=3000000 …                # one time series without bytea or numeric (gen-events.sql)
#   KEEP_DB=1 …                                # keep (and reuse) the source database and its backups
#   WARM=1 …                                   # also the same restore carried out by a running agent
#   SERVER=1 …                                 # also the same restore typed as a command sent to its API
#
# WARM=1 starts `coffer agent run` once (poll 200 ms), has it carry out one restore as a warm-up, and
# then in each round queues the same restore (`restore add ID … --at now`) for it: no JVM start, key
# derivation or compilation inside it. Its time is the job's, from its claim to its end, as the
# catalog records them; how long the restore waited to be claimed is printed beside it.
#
# SERVER=1 (which implies WARM=1) has that agent serve its API on loopback, and each round also runs
# the restore as the command a person types on the agent's host, `coffer --server URL restore run ID
# --target-node pg --target-database DB` (the agent loads with backup.jobs = JOBS): its time is the
# command's whole, start of its JVM to exit.
#
# The source database is `pgbench -i` plus two secondary indexes and pgbench's foreign keys. Needs the
# machine's PostgreSQL (127.0.0.1:5432, user postgres, trust) with pgbench, pg_dump and pg_restore.
# Work files go to $BENCH_DIR (default: a directory under /tmp); every database made is dropped at the
# end unless KEEP_DB is set (then only the restored copies are).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCALE=${SCALE:-50}
ROUNDS=${ROUNDS:-3}
JOBS=${JOBS:-2}
SERVER=${SERVER:-}
WARM=${WARM:-$SERVER}
DB=${BENCH_DB:-coffer_rbench${SHAPE:+_$SHAPE}}   # a shape of its own: KEEP_DB reuses what it finds
work=${BENCH_DIR:-${TMPDIR:-/tmp}/coffer-restore-bench${SHAPE:+-$SHAPE}}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
export COFFER_PASSWORD=bench-only-passphrase
export COFFER_CONFIG="$work/coffer.yaml"
coffer="${COFFER:-$root/coffer}"   # COFFER=other/checkout/coffer times another build

. "$root/bench/lib.sh"
drop() { psql -qX -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" 2>/dev/null; }
cleanup() {
  stop_agent
  drop "${DB}_coffer"; drop "${DB}_pgrestore"
  if [ -z "${KEEP_DB:-}" ]; then drop "$DB"; rm -rf "$work"; fi
}
trap cleanup EXIT

"$coffer" --version >/dev/null   # build once, outside the timings
[ -z "$WARM" ] || need sqlite3 sqlite3

if [ -n "${KEEP_DB:-}" ] && [ -s "$work/backup-id" ]; then
  echo "== reusing database $DB and its backups in $work" >&2
else
  rm -rf "$work"; mkdir -p "$work"
  drop "$DB"
  psql -qX -d postgres -c "CREATE DATABASE $DB"
  if [ -n "${SHAPE:-}" ]; then
    [ "$SHAPE" != wide ] || : "${ROWS:=400000}"
    [ "$SHAPE" != events ] || : "${ROWS:=3000000}"
    echo "== bench/gen-$SHAPE.sql with ${ROWS:?ROWS= is needed for SHAPE=$SHAPE} rows into $DB" >&2
    psql -qX -v ON_ERROR_STOP=1 -d "$DB" -v rows="$ROWS" -f "$root/bench/gen-$SHAPE.sql"
    psql -qX -d "$DB" -c "VACUUM ANALYZE"
  elif [ -n "${ROWS:-}" ]; then
    echo "== bench/gen-shop.sql with $ROWS orders into $DB" >&2
    psql -qX -v ON_ERROR_STOP=1 -d "$DB" -v rows="$ROWS" -f "$root/bench/gen-shop.sql"
  else
    echo "== pgbench -i -s $SCALE into $DB" >&2
    pgbench -i -q -s "$SCALE" -I dtgvpf "$DB" 2>&1 | tail -n 1 >&2
    psql -qX -d "$DB" -c "CREATE INDEX ON pgbench_accounts (bid)" \
      -c "CREATE INDEX ON pgbench_accounts (abalance, aid)" -c "VACUUM ANALYZE"
  fi
  echo "== pg_dump -Fd -j $JOBS" >&2
  pg_dump -Fd -j "$JOBS" -f "$work/dump.d" "$DB"
  echo "== coffer backup run" >&2
  printf 'home: %s\nagent: bench\nvolume:\n  default: bench\n' "$work/home" > "$COFFER_CONFIG"
  "$coffer" volume init "$work/volume" >/dev/null
  "$coffer" volume add bench "$work/volume" >/dev/null
  "$coffer" agent add bench >/dev/null
  "$coffer" node add pg --engine postgresql --host "$PGHOST" --admin-user "$PGUSER" >/dev/null
  "$coffer" backup run --node pg --database "$DB" >&2
  "$coffer" backup list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])' > "$work/backup-id"
fi
id=$(cat "$work/backup-id")
size=$(psql -XAt -d postgres -c "SELECT pg_size_pretty(pg_database_size('$DB'))")

coffer_dry_run() {
  "$coffer" restore run "$id" --target-node pg --target-database "${DB}_coffer" --jobs "$JOBS" --dry-run
}
coffer_restore() {
  "$coffer" restore run "$id" --target-node pg --target-database "${DB}_coffer" --jobs "$JOBS"
}
pg_restore_fresh() {
  createdb -T template0 "${DB}_pgrestore" && pg_restore -j "$JOBS" -d "${DB}_pgrestore" "$work/dump.d"
}

# The dry run pays what every coffer command pays before loading anything (JVM start, catalog,
# Argon2id to open the volume, the plan); it is reported to separate start-up from the restore.
agent_restore() {
  local w q
  read -r w q < <(restore_by_agent "$work/home/catalog.db" "$id" --target-node pg --target-database "${DB}_coffer" \
    --jobs "$JOBS")
  [ -n "$w" ] || { echo "the restore by the agent failed; see $work/agent.log" >&2; exit 1; }
  echo "   restore by the agent: $w s (queued $q s before its claim)" >&2
  echo "$w"
}
warm_head="" warm_rule=""
server_restore() {
  "$coffer" --server "$url" --insecure-http --token-file "$work/token" restore run "$id" --target-node pg \
    --target-database "${DB}_coffer" 2>/dev/null
}
if [ -n "$WARM" ]; then
  listen=()
  [ -z "$SERVER" ] || serve_api "$work/token"
  COFFER_AGENT_POLL=200ms COFFER_BACKUP_JOBS=$JOBS "$coffer" agent run "${listen[@]}" 2> "$work/agent.log" &
  agent=$!
  agent_restore >/dev/null; drop "${DB}_coffer"   # the agent's warm-up
  warm_head=" by a running agent, claim to end s | ratio |" warm_rule="---|---|"
  if [ -n "$SERVER" ]; then
    server_restore >/dev/null; drop "${DB}_coffer"   # its API's first requests
    warm_head+=" command to the agent s | ratio |" warm_rule+="---|---|"
  fi
fi
echo "| round | coffer restore run --jobs $JOBS s | of which start-up (dry run) s | createdb + pg_restore -j $JOBS s | ratio |$warm_head"
echo "|---|---|---|---|---|$warm_rule"
run_coffer() { settle; c=$(timed coffer_restore); drop "${DB}_coffer"; }
run_pg_restore() { settle; p=$(timed pg_restore_fresh); drop "${DB}_pgrestore"; }
run_agent() { settle; w=$(agent_restore); drop "${DB}_coffer"; }
run_server() { settle; v=$(timed server_restore); drop "${DB}_coffer"; }
steps=(run_coffer run_pg_restore)
[ -z "$WARM" ] || steps+=(run_agent)
[ -z "$SERVER" ] || steps+=(run_server)
for round in $(seq "$ROUNDS"); do
  # Rotate which goes first, so that none always runs on a warmer (or more loaded) machine.
  n=${#steps[@]}
  for k in $(seq 0 $((n - 1))); do
    "${steps[$(((round - 1 + k) % n))]}"
  done
  d=$(timed coffer_dry_run)
  warm=""
  [ -z "$WARM" ] || warm=" $w | $(echo "scale=2; $w / $p" | bc) |"
  [ -z "$SERVER" ] || warm+=" $v | $(echo "scale=2; $v / $p" | bc) |"
  echo "| $round | $c | $d | $p | $(echo "scale=2; $c / $p" | bc) |$warm"
done
echo "database $DB: $size; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
