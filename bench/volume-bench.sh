#!/usr/bin/env bash
# Compares `coffer volume put` with restic and borg on the same ~1 GB plain pg_dump, all encrypted,
# then measures how stored growth after row churn depends on Coffer's chunk size.
#
#   bench/volume-bench.sh                 # full run (5M rows, ~1 GB dump)
#   ROWS=500000 bench/volume-bench.sh     # quick run
#   SKIP_CHURN=1 bench/volume-bench.sh    # ingest comparison only
#   REUSE_DUMP=1 …                        # keep the dump of an earlier run in $BENCH_DIR
#
# Needs the machine's PostgreSQL (127.0.0.1:5432, user postgres). Installs restic and borgbackup from
# Debian packages when missing. Work files go to $BENCH_DIR (default: a directory under /tmp).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS=${ROWS:-5000000}
DB=${BENCH_DB:-coffer_bench}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/coffer-bench}
mkdir -p "$work"
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
# Coffer runs under the issue's memory cap: any backup size must fit in 256 MiB of heap.
export COFFER_JAVA_OPTS=${COFFER_JAVA_OPTS:--Xmx256m}
export COFFER_PASSWORD=bench-only-passphrase RESTIC_PASSWORD=bench-only-passphrase BORG_PASSPHRASE=bench-only-passphrase
export BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes BORG_RELOCATED_REPO_ACCESS_IS_OK=yes

. "$root/bench/lib.sh"
need restic restic
need borg borgbackup
need bc bc


"$root/coffer" --version >/dev/null   # build once, outside the timings

gen_db() {
  psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  psql -qX -d "$DB" -v rows="$ROWS" -f "$root/bench/gen-orders.sql"
}

if [ -n "${REUSE_DUMP:-}" ] && [ -s "$work/dump1.sql" ]; then
  echo "== reusing $work/dump1.sql" >&2
else
  echo "== generating $ROWS rows in database $DB" >&2
  gen_db
  pg_dump -Fp -d "$DB" > "$work/dump1.sql"
fi
dump_bytes=$(stat -c %s "$work/dump1.sql")
echo "dump: $(mb "$dump_bytes") MB" >&2

# --- ingest: coffer vs restic vs borg ---
rm -rf "$work/coffer" "$work/restic" "$work/borg"
"$root/coffer" volume init "$work/coffer" >/dev/null
t_coffer=$(timed "$root/coffer" volume put "$work/coffer" --name dump.sql - < "$work/dump1.sql")
t_coffer_again=$(timed "$root/coffer" volume put "$work/coffer" --name dump.sql - < "$work/dump1.sql")
id=$("$root/coffer" volume ls "$work/coffer" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["backups"][0]["id"])')
t_coffer_cat=$(timed "$root/coffer" volume cat "$work/coffer" "$id:dump.sql")
s_coffer=$(size "$work/coffer")

restic init -q -r "$work/restic" >/dev/null
t_restic=$(timed restic -q -r "$work/restic" backup --stdin --stdin-filename dump.sql < "$work/dump1.sql")
t_restic_cat=$(timed restic -q -r "$work/restic" dump latest dump.sql)
s_restic=$(size "$work/restic")

borg init --encryption=repokey "$work/borg"
t_borg=$(timed borg create --compression zstd,3 "$work/borg::a" - < "$work/dump1.sql")
s_borg=$(size "$work/borg")

mbps() { echo "scale=0; $dump_bytes / $1 / 1000000" | bc; }
cat <<MD
### Ingest of one $(mb "$dump_bytes") MB plain dump ($ROWS rows), encrypted

| tool | ingest s | MB/s | stored MB | read back s |
|---|---|---|---|---|
| coffer volume put | $t_coffer | $(mbps "$t_coffer") | $(mb "$s_coffer") (after 2 puts) | $t_coffer_cat |
| coffer, same input again (all dedup) | $t_coffer_again | $(mbps "$t_coffer_again") | | |
| restic backup --stdin | $t_restic | $(mbps "$t_restic") | $(mb "$s_restic") | $t_restic_cat |
| borg create zstd,3 | $t_borg | $(mbps "$t_borg") | $(mb "$s_borg") | |

Ratios: coffer/restic ingest time $(ratio "$t_coffer" "$t_restic") (target ≤ 0.5); stored $(ratio "$s_coffer" "$s_restic") (target ≤ 1); read back restic/coffer $(ratio "$t_restic_cat" "$t_coffer_cat") (target ≥ 1.5).
MD

# --- churn: stored growth of a second dump, by chunk size ---
churn() {
  local mode=$1
  gen_db
  pg_dump -Fp -d "$DB" > "$work/dump1.sql"
  psql -qX -d "$DB" -v rows="$ROWS" -v mode="$mode" -f "$root/bench/churn-orders.sql"
  pg_dump -Fp -d "$DB" > "$work/dump2.sql"
  echo
  echo "### Growth of the second backup after $mode churn (1% updated, 0.5% inserted)"
  echo
  echo "| store | first MB | second adds MB | growth |"
  echo "|---|---|---|---|"
  for avg in 4 8 16 64 1024; do
    local v="$work/churn-$avg"
    rm -rf "$v"
    "$root/coffer" volume init "$v" --chunk-min $((avg / 4))K --chunk-avg ${avg}K --chunk-max $((avg * 8))K >/dev/null
    "$root/coffer" volume put "$v" --name dump.sql - < "$work/dump1.sql" >/dev/null
    local s1; s1=$(size "$v")
    "$root/coffer" volume put "$v" --name dump.sql - < "$work/dump2.sql" >/dev/null
    local s2; s2=$(size "$v")
    echo "| coffer avg ${avg} KiB | $(mb "$s1") | $(mb $((s2 - s1))) | $(echo "scale=1; 100 * ($s2 - $s1) / $s1" | bc)% |"
  done
  rm -rf "$work/restic-churn" "$work/borg-churn"
  restic init -q -r "$work/restic-churn" >/dev/null
  restic -q -r "$work/restic-churn" backup --stdin --stdin-filename dump.sql < "$work/dump1.sql" >/dev/null
  local r1; r1=$(size "$work/restic-churn")
  restic -q -r "$work/restic-churn" backup --stdin --stdin-filename dump.sql < "$work/dump2.sql" >/dev/null
  local r2; r2=$(size "$work/restic-churn")
  echo "| restic | $(mb "$r1") | $(mb $((r2 - r1))) | $(echo "scale=1; 100 * ($r2 - $r1) / $r1" | bc)% |"
  borg init --encryption=repokey "$work/borg-churn"
  borg create --compression zstd,3 "$work/borg-churn::a" - < "$work/dump1.sql"
  local b1; b1=$(size "$work/borg-churn")
  borg create --compression zstd,3 "$work/borg-churn::b" - < "$work/dump2.sql"
  local b2; b2=$(size "$work/borg-churn")
  echo "| borg | $(mb "$b1") | $(mb $((b2 - b1))) | $(echo "scale=1; 100 * ($b2 - $b1) / $b1" | bc)% |"
}
if [ -z "${SKIP_CHURN:-}" ]; then
  churn scattered
  churn clustered
fi

psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB"
