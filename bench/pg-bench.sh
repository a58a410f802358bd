#!/usr/bin/env bash
# Database backups through the real CLI against the dump tools, restic and borg, in one run:
#   - PostgreSQL FULL backup wall time and stored size vs pg_dump -Fp / -Fc / -Fc -Z0 | zstd -3;
#   - stored growth after scattered and after clustered churn, vs restic and borg on plain dumps;
#   - restore wall time vs pg_restore -j JOBS of a -Fd dump;
#   - MariaDB FULL backup wall time vs mariadb-dump --single-transaction.
#
#   bench/pg-bench.sh                          # full run: ~1 GB PostgreSQL, ~300 MB MariaDB database
#   ROWS=500000 MY_ROWS=300000 bench/pg-bench.sh   # quick run (~250 MB / ~80 MB)
#   CHUNK_AVG=4K bench/pg-bench.sh             # Coffer's volume with other chunks (min avg/4, max avg*8)
#   COMPRESSION=zstd:3 JOBS=2 …                # volume compression, jobs of backup and restore
#   SKIP_OTHERS=1 SKIP_RESTORE=1 SKIP_MARIADB=1 …   # leave parts out
#   COFFER=path/to/other/checkout/coffer …     # another build (an A/B of a change)
#
# Needs the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust) and MariaDB (127.0.0.1:3306,
# root, no password). Installs restic and borgbackup from Debian packages when missing. Work files
# (dumps, volumes, Coffer's catalog) go to $BENCH_DIR, default a directory under /tmp; the databases
# it creates are dropped at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS=${ROWS:-2000000}          # orders; ~1.06 GB database, ~0.7 GB plain dump
MY_ROWS=${MY_ROWS:-1100000}    # MariaDB orders; ~300 MB dump
JOBS=${JOBS:-2}
DB=${BENCH_DB:-coffer_pgbench}
MYDB=${BENCH_MYDB:-coffer_mybench}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/coffer-pg-bench}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
MY=(mariadb -h 127.0.0.1 -P 3306 -u root)
# Coffer runs under the issue's memory cap: any backup size must fit in 256 MiB of heap.
export COFFER_JAVA_OPTS=${COFFER_JAVA_OPTS:--Xmx256m}
export COFFER_PASSWORD=bench-only-passphrase RESTIC_PASSWORD=bench-only-passphrase BORG_PASSPHRASE=bench-only-passphrase
export BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes BORG_RELOCATED_REPO_ACCESS_IS_OK=yes
export COFFER_CONFIG="$work/coffer.yaml"
unset COFFER_PASSWORD_FILE

. "$root/bench/lib.sh"
[ -n "${SKIP_OTHERS:-}" ] || { need restic restic; need borg borgbackup; }
need bc bc
need zstd zstd

pct() { echo "scale=1; 100 * $1 / $2" | bc; }
say() { echo "== $*" >&2; }
coffer() { "${COFFER:-$root/coffer}" "$@"; }   # COFFER=other/checkout/coffer measures another build
psqlq() { psql -qX -v ON_ERROR_STOP=1 "$@"; }

cleanup() {
  psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "DROP DATABASE IF EXISTS ${DB}_coffer" \
       -c "DROP DATABASE IF EXISTS ${DB}_pgrestore" 2>/dev/null || true
  "${MY[@]}" -e "DROP DATABASE IF EXISTS $MYDB" 2>/dev/null || true
}
trap cleanup EXIT

rm -rf "$work" && mkdir -p "$work"
coffer --version >/dev/null   # build once, outside the timings
cat > "$COFFER_CONFIG" <<YAML
home: $work/coffer-home
agent: bench-agent
volume:
  default: bench
backup:
  jobs: $JOBS
YAML
init_args=()
if [ -n "${CHUNK_AVG:-}" ]; then
  avg_k=${CHUNK_AVG%K}
  init_args+=(--chunk-min "$((avg_k / 4))K" --chunk-avg "${avg_k}K" --chunk-max "$((avg_k * 8))K")
fi
[ -z "${COMPRESSION:-}" ] || init_args+=(--compression "$COMPRESSION")
coffer volume init "$work/volume" "${init_args[@]}" >&2
coffer volume add bench "$work/volume" >/dev/null
coffer agent add bench-agent >/dev/null
coffer node add pg --engine postgresql --host 127.0.0.1 --port 5432 --admin-user postgres --credential none >/dev/null
coffer node add my --engine mariadb --host 127.0.0.1 --port 3306 --admin-user root --credential none >/dev/null

# A backup by hand of one database; prints the wall seconds and keeps the result in last-backup.json.
# The volume's growth is measured on disk, as for restic and borg.
backup() {
  local s e
  s=$(date +%s.%N)
  coffer backup run --node "$1" --database "$2" --level "${3:-0}" --json > "$work/last-backup.json"
  e=$(date +%s.%N)
  python3 -c 'import json,sys; r=json.load(sys.stdin); sys.exit(r["status"] != "SUCCEEDED")' < "$work/last-backup.json" \
    || { cat "$work/last-backup.json" >&2; exit 1; }
  echo "scale=2; ($e - $s) / 1" | bc
}

# --- PostgreSQL: the first backup against the dump tools ---
say "generating $ROWS orders in PostgreSQL database $DB"
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psqlq -d "$DB" -v rows="$ROWS" -f "$root/bench/gen-shop.sql"
db_bytes=$(psql -AtX -d "$DB" -c "SELECT pg_database_size(current_database())")
pg_dump -Fp -d "$DB" > "$work/dump1.sql"       # also warms the page cache for everything below
dump_bytes=$(stat -c %s "$work/dump1.sql")
say "database $(mb "$db_bytes") MB, plain dump $(mb "$dump_bytes") MB"

settle; t_fp=$(timed pg_dump -Fp -d "$DB")
settle; t_fc=$(timed pg_dump -Fc -d "$DB")
s_fcz=$(pg_dump -Fc -Z0 -d "$DB" | zstd -3 -q -c | wc -c)
settle; t_coffer=$(backup pg "$DB")
s1=$(size "$work/volume")
settle; t_fp2=$(timed pg_dump -Fp -d "$DB")   # again after Coffer, to see the machine's drift

# --- churn: scattered, then clustered; Coffer's backups, restic and borg on plain dumps ---
say "scattered churn"
psqlq -d "$DB" -v mode=scattered -f "$root/bench/churn-shop.sql"
settle; t_coffer_l1=$(backup pg "$DB" 1)
s2=$(size "$work/volume")
[ -n "${SKIP_OTHERS:-}" ] || pg_dump -Fp -d "$DB" > "$work/dump2.sql"
say "clustered churn"
psqlq -d "$DB" -v mode=clustered -f "$root/bench/churn-shop.sql"
backup pg "$DB" 1 >/dev/null
last=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' < "$work/last-backup.json")
s3=$(size "$work/volume")
if [ -z "${SKIP_OTHERS:-}" ]; then
  pg_dump -Fp -d "$DB" > "$work/dump3.sql"
  restic init -q -r "$work/restic" >/dev/null
  borg init --encryption=repokey "$work/borg"
  declare -A rs bs
  for n in 1 2 3; do
    restic -q -r "$work/restic" backup --stdin --stdin-filename dump.sql < "$work/dump$n.sql" >/dev/null
    rs[$n]=$(size "$work/restic")
    borg create --compression zstd,3 "$work/borg::d$n" - < "$work/dump$n.sql"
    bs[$n]=$(size "$work/borg")
  done
fi

# --- restore: Coffer's latest backup vs pg_restore -j of a directory dump of the same data ---
if [ -z "${SKIP_RESTORE:-}" ]; then
  say "restores"
  rm -rf "$work/fd" && pg_dump -Fd -j "$JOBS" -d "$DB" -f "$work/fd"
  psql -qX -d postgres -c "DROP DATABASE IF EXISTS ${DB}_pgrestore" -c "CREATE DATABASE ${DB}_pgrestore"
  settle; t_pgr=$(timed pg_restore -j "$JOBS" -d "${DB}_pgrestore" "$work/fd")
  settle; t_cr=$(timed coffer restore run "$last" --target-node pg --target-database "${DB}_coffer" --jobs "$JOBS")
  psql -qX -d postgres -c "DROP DATABASE ${DB}_coffer" -c "DROP DATABASE ${DB}_pgrestore"
fi

# --- MariaDB ---
if [ -z "${SKIP_MARIADB:-}" ]; then
  say "generating $MY_ROWS orders in MariaDB database $MYDB"
  "${MY[@]}" -e "DROP DATABASE IF EXISTS $MYDB; CREATE DATABASE $MYDB"
  (echo "SET @rows = $MY_ROWS;"; cat "$root/bench/gen-shop-mariadb.sql") | "${MY[@]}" "$MYDB"
  my_dump_bytes=$(mariadb-dump -h 127.0.0.1 -P 3306 -u root --single-transaction "$MYDB" | wc -c)  # warms the cache
  t_my=$(timed mariadb-dump -h 127.0.0.1 -P 3306 -u root --single-transaction "$MYDB")
  my_before=$(size "$work/volume")
  t_my_coffer=$(backup my "$MYDB")
  s_my=$(( $(size "$work/volume") - my_before ))
fi

# --- report ---
met() { if [ "$(echo "$1" | bc)" = 1 ]; then echo yes; else echo no; fi; }
r_fp=$(ratio "$t_coffer" "$t_fp"); r_fc=$(ratio "$t_fc" "$t_coffer"); r_size=$(ratio "$s1" "$s_fcz")
g_sc=$(pct $((s2 - s1)) "$s1"); g_cl=$(pct $((s3 - s2)) "$s1")
cat <<MD

### PostgreSQL: $ROWS orders, database $(mb "$db_bytes") MB, plain dump $(mb "$dump_bytes") MB, jobs $JOBS

| what | wall s | stored MB |
|---|---|---|
| pg_dump -Fp > /dev/null | $t_fp (again after Coffer: $t_fp2) | |
| pg_dump -Fc > /dev/null | $t_fc | |
| pg_dump -Fc -Z0 \| zstd -3 | | $(mb "$s_fcz") |
| coffer backup run (FULL, encrypted volume) | $t_coffer | $(mb "$s1") |
| coffer backup run after scattered churn | $t_coffer_l1 | +$(mb $((s2 - s1))) |

### Growth of the next backup, % of the first backup's stored size

| store | after scattered churn | after clustered churn |
|---|---|---|
| coffer (table streams in key order) | $g_sc% | $g_cl% |
MD
if [ -z "${SKIP_OTHERS:-}" ]; then
  echo "| restic, plain dumps | $(pct $((rs[2] - rs[1])) "${rs[1]}")% | $(pct $((rs[3] - rs[2])) "${rs[1]}")% |"
  echo "| borg zstd,3, plain dumps | $(pct $((bs[2] - bs[1])) "${bs[1]}")% | $(pct $((bs[3] - bs[2])) "${bs[1]}")% |"
fi
echo
echo "### Against the targets"
echo
echo "| target | measured | met |"
echo "|---|---|---|"
echo "| FULL backup ≤ 1.3× pg_dump -Fp | ${r_fp}× | $(met "$r_fp <= 1.3") |"
echo "| FULL backup ≥ 3× faster than pg_dump -Fc | ${r_fc}× | $(met "$r_fc >= 3") |"
echo "| stored ≤ pg_dump -Fc -Z0 \| zstd -3 | ${r_size}× | $(met "$r_size <= 1") |"
echo "| scattered churn adds ≤ 25% | $g_sc% | $(met "$g_sc <= 25") |"
echo "| clustered churn adds ≤ 2% | $g_cl% | $(met "$g_cl <= 2") |"
if [ -z "${SKIP_RESTORE:-}" ]; then
  r_rest=$(ratio "$t_cr" "$t_pgr")
  echo "| restore ≤ 1.0× pg_restore -j $JOBS of -Fd ($t_pgr s) | $t_cr s, ${r_rest}× | $(met "$r_rest <= 1") |"
fi
if [ -z "${SKIP_MARIADB:-}" ]; then
  r_my=$(ratio "$t_my_coffer" "$t_my")
  echo "| MariaDB ($MY_ROWS orders, dump $(mb "$my_dump_bytes") MB, stored $(mb "$s_my") MB): FULL ≤ 1.3× mariadb-dump --single-transaction ($t_my s) | $t_my_coffer s, ${r_my}× | $(met "$r_my <= 1.3") |"
fi
