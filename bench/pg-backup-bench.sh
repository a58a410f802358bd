#!/usr/bin/env bash
# Times a FULL `coffer backup run` into a fresh encrypted volume against `pg_dump -Fp > /dev/null` of
# the same database, back to back, alternating which goes first, several rounds: one run of each is
# too noisy on a small or shared machine to give a ratio.
#
#   bench/pg-backup-bench.sh                   # the shop database of pg-bench.sh, 2,000,000 orders, 3 rounds
#   ROWS=300000 ROUNDS=1 bench/pg-backup-bench.sh   # quick run
#   CHUNK_AVG=4K COMPRESSION=zstd:1 …           # the volumes' chunks (min avg/4, max avg*8) and compression
#   KEEP_DB=1 …                                # keep (and reuse) the generated database
#   SHAPE=wide ROWS=250000 …                   # one wide table with bytea and indexes (gen-wide.sql)
#   SHAPE=wide ROWS=880000 RESTIC=1 …          # at the ~1.1 GB issue 12 describes (1,077 MB)
#   SHAPE=many TABLES=400 ROWS=2000 …          # many small tables (gen-many.sql)
#   SHAPE=events ROWS=3000000 …                # one time series without bytea or numeric (gen-events.sql)
#   RESTIC=1 …                                 # also `pg_dump -Fp | restic backup --stdin` each round
#   AGENT=1 …                                  # also the same backup carried out by a running agent
#   AGENT=1 WARMUPS=3 …                        # that agent warmed by 3 backups of the database first (default 1)
#   SERVER=1 …                                 # also the same backup typed as a command sent to that agent's API
#   COFFER=path/to/other/checkout/coffer …     # time another build's launcher (an A/B of a change)
#   AGENT_JAVA_OPTS="-XX:…" AGENT=1 …          # JVM options for the agent alone (after COFFER_JAVA_OPTS)
#
# With AGENT=1, each round also runs the backup as a one-off for now carried out by one `coffer agent
# run` started once and warmed up by WARMUPS backups of the database (one by default), as scheduled backups run: no JVM start,
# class loading or key derivation inside the timing. Its volume is fresh too, opened first by a backup
# of a one-row database (a running agent has its volume open); its time is the job's, claim to end,
# from the catalog, and its CPU seconds are the agent's own across the job (pg_dump children included).
# Beside them: the minor page faults of the agent's JVM across the job (pg_dump's not included) and
# the CPU seconds of its garbage collector's threads.
#
# With SERVER=1 the agent also serves its API on loopback (`agent run --listen`), and each round runs
# the backup a third time as the command a person types on the agent's host, `coffer --server URL
# backup run --node pg --databases DB --volume V --json`, into a fresh volume (opened first through the
# agent by the one-row backup): its wall time is the command's whole, start of its JVM to exit, and its
# CPU seconds are the command's own plus the agent's across it.
#
# Coffer's and restic's CPU seconds (user + system of the process, from /usr/bin/time) are printed
# beside their wall time: on a shared machine they vary far less than wall time does.
#
# Needs the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust). Work files go to $BENCH_DIR
# (default: a directory under /tmp); the database is dropped at the end unless KEEP_DB is set.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS=${ROWS:-2000000}
ROUNDS=${ROUNDS:-3}
JOBS=${JOBS:-2}
SHAPE=${SHAPE:-shop}
TABLES=${TABLES:-400}
DB=${BENCH_DB:-coffer_bbench_$SHAPE}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/coffer-backup-bench}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
export COFFER_PASSWORD=bench-only-passphrase COFFER_CONFIG="$work/coffer.yaml"
export COFFER_JAVA_OPTS=${COFFER_JAVA_OPTS:--Xmx256m}
unset COFFER_PASSWORD_FILE
coffer=${COFFER:-$root/coffer}
. "$root/bench/lib.sh"
need /usr/bin/time time
[ -z "${RESTIC:-}" ] || need restic restic
[ -z "${AGENT:-}${SERVER:-}" ] || need sqlite3 sqlite3
TINY=${DB}_tiny
export coffer DB work   # timed_cpu runs the functions below in a child shell
export RESTIC_PASSWORD=bench-only-passphrase

cleanup() {
  stop_agent
  [ -z "${AGENT:-}${SERVER:-}" ] || psql -qX -d postgres -c "DROP DATABASE IF EXISTS $TINY" 2>/dev/null || true
  [ -n "${KEEP_DB:-}" ] || psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB" 2>/dev/null || true
}
trap cleanup EXIT

"$coffer" --version >/dev/null   # build once, outside the timings
if [ -z "${KEEP_DB:-}" ] || [ -z "$(psql -XAt -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
  echo "== generating $ROWS orders in $DB" >&2
  psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  psql -qX -v ON_ERROR_STOP=1 -d "$DB" -v rows="$ROWS" -v tables="$TABLES" -f "$root/bench/gen-$SHAPE.sql" >/dev/null
fi
pg_dump -Fp -d "$DB" > /dev/null   # warms the page cache for both

rm -rf "$work" && mkdir -p "$work"
printf 'home: %s\nagent: bench\nbackup:\n  jobs: %s\n' "$work/home" "$JOBS" > "$COFFER_CONFIG"
"$coffer" agent add bench >/dev/null
"$coffer" node add pg --engine postgresql --host "$PGHOST" --admin-user "$PGUSER" >/dev/null
init_args=()
if [ -n "${CHUNK_AVG:-}" ]; then
  avg_k=${CHUNK_AVG%K}
  init_args+=(--chunk-min "$((avg_k / 4))K" --chunk-avg "${avg_k}K" --chunk-max "$((avg_k * 8))K")
fi
[ -z "${COMPRESSION:-}" ] || init_args+=(--compression "$COMPRESSION")

# A FULL backup into a volume of its own, so that every round stores everything (nothing dedups).
coffer_backup() {
  "$coffer" backup run --node pg --database "$DB" --volume "v$1" --json > "$work/backup-$1.json"
}

# A fresh volume $1 at $work/$1 for the running agent, opened by a backup of the one-row database.
agent_volume() {
  "$coffer" volume init "$work/$1" "${init_args[@]}" >/dev/null 2>&1
  "$coffer" volume add "$1" "$work/$1" >/dev/null
  oneoff_by_agent "$catalog" pg "$TINY" "$1" >/dev/null
}

# The same FULL backup carried out by the running agent into a fresh volume: "wall cpu faults gc"
# of the job (gc: CPU seconds of the collector's threads).
agent_backup() {
  local a0 f0 g0 t
  agent_volume "va$1"
  a0=$(cpu_of "$agent") f0=$(faults_of "$agent") g0=$(gc_cpu_of "$agent")
  t=$(oneoff_by_agent "$catalog" pg "$DB" "va$1")
  echo "$t $(minus "$(cpu_of "$agent")" "$a0") $(($(faults_of "$agent") - f0)) $(minus "$(gc_cpu_of "$agent")" "$g0")"
  rm -rf "$work/va$1"
}

# The same FULL backup as a command sent to the running agent's API: "wall cpu" of the command, its
# CPU and the agent's across it.
server_backup() {
  local a0 c
  agent_volume "vs$1"
  a0=$(cpu_of "$agent")
  c=$(timed_cpu "$coffer" --server "$url" --insecure-http --token-file "$work/token" backup run --node pg \
    --databases "$DB" --volume "vs$1" --json)
  echo "${c%% *} $(awk -v c="${c#* }" -v a="$(minus "$(cpu_of "$agent")" "$a0")" 'BEGIN { printf "%.2f", c + a }')"
  rm -rf "$work/vs$1"
}

if [ -n "${AGENT:-}${SERVER:-}" ]; then
  catalog="$work/home/catalog.db"
  psql -qX -d postgres -c "DROP DATABASE IF EXISTS $TINY" -c "CREATE DATABASE $TINY"
  psql -qX -d "$TINY" -c "CREATE TABLE t (id int PRIMARY KEY)" -c "INSERT INTO t VALUES (1)"
  listen=()
  [ -z "${SERVER:-}" ] || serve_api "$work/token"
  COFFER_AGENT_POLL=200ms COFFER_JAVA_OPTS="$COFFER_JAVA_OPTS ${AGENT_JAVA_OPTS:-}" \
    "$coffer" agent run "${listen[@]}" 2> "$work/agent.log" &
  agent=$!
  # The agent's first backups: class loading, and the JIT, which goes on compiling through the first
  # few (each round's agent CPU falls round after round). WARMUPS=3 times an agent in its steady state.
  for w in $(seq "${WARMUPS:-1}"); do agent_backup "warm$w" >/dev/null; done
  [ -z "${SERVER:-}" ] || server_backup warm >/dev/null   # and its API's first requests
fi

restic_backup() {
  restic init -q -r "$work/restic-$1" >/dev/null
  pg_dump -Fp -d "$DB" | restic backup -q -r "$work/restic-$1" --stdin --stdin-filename dump.sql
}

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| round | coffer backup run (FULL, fresh volume) s | of which the backup itself s | coffer CPU s | pg_dump -Fp > /dev/null s | ratio | restic s | restic CPU s | coffer / restic | in the agent s | agent CPU s | agent minor faults | agent GC CPU s | agent / pg_dump | agent / restic | command to the agent s | its CPU s | / pg_dump | / restic |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for round in $(seq "$ROUNDS"); do
  "$coffer" volume init "$work/volume-$round" "${init_args[@]}" >/dev/null 2>&1
  "$coffer" volume add "v$round" "$work/volume-$round" >/dev/null
  if [ $((round % 2)) -eq 1 ]; then
    settle; c=$(timed_cpu coffer_backup "$round")
    settle; p=$(timed pg_dump -Fp -d "$DB")
  else
    settle; p=$(timed pg_dump -Fp -d "$DB")
    settle; c=$(timed_cpu coffer_backup "$round")
  fi
  r="-"; r_cpu="-"; vs="-"
  if [ -n "${RESTIC:-}" ]; then
    settle; r_all=$(timed_cpu restic_backup "$round"); r=${r_all%% *}; r_cpu=${r_all#* }; vs=$(ratio "${c%% *}" "$r")
  fi
  a="-"; a_cpu="-"; a_faults="-"; a_gc="-"; a_dump="-"; a_restic="-"
  if [ -n "${AGENT:-}" ]; then
    settle; a_all=$(agent_backup "$round"); read -r a a_cpu a_faults a_gc <<<"$a_all"; a_dump=$(ratio "$a" "$p")
    [ -z "${RESTIC:-}" ] || a_restic=$(ratio "$a" "$r")
  fi
  sv="-"; s_cpu="-"; s_dump="-"; s_restic="-"
  if [ -n "${SERVER:-}" ]; then
    settle; s_all=$(server_backup "$round"); sv=${s_all%% *}; s_cpu=${s_all#* }; s_dump=$(ratio "$sv" "$p")
    [ -z "${RESTIC:-}" ] || s_restic=$(ratio "$sv" "$r")
  fi
  inside=$(python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["status"] == "SUCCEEDED", r; print(r["seconds"])' \
    < "$work/backup-$round.json")
  echo "| $round | ${c%% *} | $inside | ${c#* } | $p | $(ratio "${c%% *}" "$p") | $r | $r_cpu | $vs | $a | $a_cpu | $a_faults | $a_gc | $a_dump | $a_restic | $sv | $s_cpu | $s_dump | $s_restic |"
done
echo "stored: coffer $(mb "$(size "$work/volume-1")") MB per FULL volume$([ -z "${RESTIC:-}" ] || echo ", restic $(mb "$(size "$work/restic-1")") MB per repository")"
echo "database $DB: $(psql -XAt -d postgres -c "SELECT pg_size_pretty(pg_database_size('$DB'))"); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
