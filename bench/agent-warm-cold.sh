#!/usr/bin/env bash
# A FULL backup of the shop database (gen-shop.sql; ROWS=2000000 is the ~1 GB benchmark database)
# run by a warm agent, against the same backup by a cold `coffer backup run`, alternating, ROUNDS
# rounds into one volume (so both find the same chunks already stored after the first round):
#   cold: wall time of `coffer backup run 1`, a new JVM each time (start, class loading, JIT warm-up,
#         volume key derivation, catalog open, all paid again);
#   warm: a one-off for now carried out by one long-running `coffer agent run` (after one warm-up
#         run); its time is the job's, from claim to end, plus how long the one-off waited to be
#         claimed (at most agent.poll).
#   ROWS=300000 ROUNDS=2 bench/agent-warm-cold.sh     # quick run
# SHAPE picks the data (ROWS scales it):
#   shop   (default) gen-shop.sql: four tables of mixed types with indexes and a foreign key
#   orders gen-orders.sql: one big table with indexes
#   many   ROWS/100 small tables of 100 rows each, a primary key on each
#   wide   ROWS/50 rows of 32 KiB of incompressible bytea each
# Needs the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust); the database is dropped at
# the end unless KEEP_DB is set.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS=${ROWS:-2000000}
ROUNDS=${ROUNDS:-3}
SHAPE=${SHAPE:-shop}
DB=${BENCH_DB:-coffer_wbench_$SHAPE}
work="$(mktemp -d)"
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
export COFFER_PASSWORD=bench-only-passphrase COFFER_CONFIG="$work/coffer.yaml"
export COFFER_JAVA_OPTS=${COFFER_JAVA_OPTS:--Xmx512m}
unset COFFER_PASSWORD_FILE
coffer="$root/coffer"
. "$root/bench/lib.sh"
agent=""
cleanup() {
  [ -z "$agent" ] || { kill "$agent" 2>/dev/null; wait "$agent" 2>/dev/null || true; }
  [ -n "${KEEP_DB:-}" ] || psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$coffer" --version >/dev/null   # build once, outside the timings
if [ -z "${KEEP_DB:-}" ] || [ -z "$(psql -XAt -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
  echo "== generating shape $SHAPE, $ROWS rows, in $DB" >&2
  psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  case "$SHAPE" in
    shop|orders) psql -qX -v ON_ERROR_STOP=1 -d "$DB" -v rows="$ROWS" -f "$root/bench/gen-$SHAPE.sql" ;;
    many) psql -qX -v ON_ERROR_STOP=1 -d "$DB" -c "DO \$\$ BEGIN FOR t IN 1..greatest($ROWS / 100, 1) LOOP
            EXECUTE format('CREATE TABLE t%s (id int PRIMARY KEY, name text, at timestamptz, n numeric)', t);
            EXECUTE format('INSERT INTO t%s SELECT g, md5(g::text || %L), now() - g * interval ''1 min'', g * 1.5
                            FROM generate_series(1, 100) g', t, t);
          END LOOP; END \$\$" ;;
    wide) psql -qX -v ON_ERROR_STOP=1 -d "$DB" -c "CREATE TABLE blobs (id int PRIMARY KEY, data bytea)" \
            -c "ALTER TABLE blobs ALTER COLUMN data SET STORAGE EXTERNAL" \
            -c "INSERT INTO blobs SELECT g, (SELECT string_agg(sha256((g * 1000 + k)::text::bytea), ''::bytea)
                  FROM generate_series(1, 1024) k) FROM generate_series(1, greatest($ROWS / 50, 1)) g" ;;
    *) echo "SHAPE must be shop, orders, many or wide, got '$SHAPE'" >&2; exit 2 ;;
  esac
fi
echo "database $DB: $(psql -XAt -d "$DB" -c "select pg_size_pretty(pg_database_size('$DB'))")"
printf 'home: %s\nagent: bench\n' "$work/home" > "$COFFER_CONFIG"
"$coffer" volume init "$work/volume" >/dev/null
"$coffer" volume add vault "$work/volume" >/dev/null
"$coffer" agent add bench >/dev/null
"$coffer" node add pg --engine postgresql --host "$PGHOST" --admin-user "$PGUSER" >/dev/null
"$coffer" definition add --node pg --databases "$DB" --kind FULL --cron "0 0 1 1 *" >/dev/null
need sqlite3 sqlite3
catalog() { sqlite3 "$work/home/catalog.db" "$1"; }

COFFER_AGENT_POLL=500ms "$coffer" agent run 2> "$work/agent.log" &
agent=$!
warm() { # one one-off through the warm agent; prints its seconds (claim to end) and the wait before the claim
  local id
  id=$("$coffer" oneoff add --node pg --databases "$DB" --kind FULL --at now --json | sed -n 's/.*"id" *: *\([0-9]*\).*/\1/p' | head -1)
  until [ "$(catalog "select count(*) from job where oneoff_id = $id and state in ('SUCCEEDED','FAILED','ABORTED')")" = 1 ]; do
    sleep 0.2
  done
  catalog "select printf('%.2f %.2f', (finished_at - claimed_at) / 1000.0, (claimed_at - (select created_at from oneoff
           where id = $id)) / 1000.0) from job where oneoff_id = $id"
}
echo "warm-up run of the agent: $(warm | cut -d' ' -f1) s"
for round in $(seq "$ROUNDS"); do
  settle
  cold=$(timed "$coffer" backup run 1)
  settle
  read -r warm_s waited <<< "$(warm)"
  echo "round $round: cold backup run ${cold} s; warm agent ${warm_s} s (+ ${waited} s until claimed)"
done
