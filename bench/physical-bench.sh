#!/usr/bin/env bash
# PHYSICAL backups of PostgreSQL: Coffer (encrypted volume, zstd) against pg_basebackup to a plain
# directory and pgBackRest (zstd, process-max=2, aes-256-cbc), on throwaway clusters of three shapes:
#   small  many small tables (2,000 × 200 rows at SCALE=1)
#   big    one table of 4 million rows with a primary key and two more indexes
#   bytea  40,000 rows of 8 KiB random bytea (incompressible, stored out of line in TOAST)
# Each shape gets a cluster of its own (initdb of the installed PostgreSQL, a free loopback port,
# WAL archived by pgBackRest's archive-push, which pgBackRest requires). For each of RUNS runs:
#   1. each tool's full backup, wall time and stored size, from an empty repository;
#   2. each tool's restore into an empty directory (pg_basebackup's "restore" is a cp -a of its
#      directory, which is what restoring a plain base backup is), each after a sync and with the
#      kernel's caches dropped: so no restore runs under the writeback of the backups before it, and
#      none meets the inodes the one before freed (on an ext4 without a journal the allocator passes
#      over each inode freed in the last minute, one by one; docs/benchmarks.md, "FILES restores");
# and once per shape: 1% of rows updated at random places plus a CHECKPOINT, then Coffer level 1
# and pgBackRest incr: the bytes each adds to its repository, the time each takes, and each one's
# cold restore (Coffer's level 1, pgBackRest's incr).
# With WARM=1, each run also restores its backup through a running `coffer agent run` (after one
# warm-up restore by the same agent), as a restore queued through the API or `restore add` is
# carried out: no JVM start, key derivation or compilation inside the timing. Its time is the job's,
# from its claim to its end, as the catalog records them (the wait for the claim, at most
# agent.poll = 200 ms here, is printed beside it). The same agent also takes a full PHYSICAL backup
# into a fresh volume of its own (opened first by a backup of the empty `postgres` database, as a
# running agent has its volume open), timed the same way.
# With SERVER=1 (which implies WARM=1) that agent also serves its API on loopback, and each run also
# times the restore and a full backup as the commands a person types on the agent's host, `coffer
# --server URL restore run 1 --target-dir DIR` and `coffer --server URL backup run --node pg --kind
# PHYSICAL --volume V` (into a fresh volume opened first like the agent's): their whole wall time,
# start of the command's JVM to its exit. One restore through the API comes first, untimed, as the
# agent's own restore is warmed up: a running agent's API has served requests before.
#
#   bench/physical-bench.sh                       # SCALE=1, RUNS=3, SHAPES="small big bytea"
#   SCALE=0.1 RUNS=2 SHAPES=big bench/physical-bench.sh
#   SCALE=3.4 RUNS=2 SHAPES=big bench/physical-bench.sh   # the ~2 GB cluster issue 10 measures on (1.9 GB)
#   WARM=1 RUNS=2 SHAPES="big bytea" bench/physical-bench.sh
#   SERVER=1 RUNS=2 SHAPES="big bytea" bench/physical-bench.sh
#   VOLUME_FORMAT=2 RUNS=1 SHAPES=big bench/physical-bench.sh   # Coffer's volume in format 2
#   COMPRESSION=zstd:3 CHUNK_AVG=16K …            # Coffer's compression and chunks (min avg/4, max avg*8)
#   VS=other/checkout/coffer RUNS=3 SHAPES=big …  # also another build's backup and restore, in turns
#   COFFER=other/checkout/coffer …               # time another build's launcher (an A/B of a change)
#
# Needs root (the clusters run as the postgres user). Installs pgBackRest from Debian's package when
# missing. Work files go to $BENCH_DIR (default: a directory under /tmp) and are removed per run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCALE=${SCALE:-1}
RUNS=${RUNS:-3}
SHAPES=${SHAPES:-"small big bytea"}
SERVER=${SERVER:-}
WARM=${WARM:-$SERVER}
VS=${VS:-}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/coffer-physical-bench}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
export COFFER_JAVA_OPTS=${COFFER_JAVA_OPTS:--Xmx512m}
export COFFER_PASSWORD=bench-only-passphrase
export COFFER_HOME="$work/home" COFFER_CONFIG="$work/coffer.yaml" COFFER_AGENT=bench
unset COFFER_PASSWORD_FILE
coffer=${COFFER:-$root/coffer}
init_args=()
if [ -n "${CHUNK_AVG:-}" ]; then
  avg_k=${CHUNK_AVG%K}
  init_args+=(--chunk-min "$((avg_k / 4))K" --chunk-avg "${avg_k}K" --chunk-max "$((avg_k * 8))K")
fi
[ -z "${COMPRESSION:-}" ] || init_args+=(--compression "$COMPRESSION")

. "$root/bench/lib.sh"
need pgbackrest pgbackrest
need bc bc
[ -z "$WARM" ] || need sqlite3 sqlite3
"$coffer" --version >/dev/null   # build once, outside the timings

rm -rf "$work"
mkdir -p "$work"
chmod 755 "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pg=(psql -qX -h 127.0.0.1 -p "$port" -U postgres)
as_pg() { runuser -u postgres -- "$@"; }
conf="$work/pgbackrest.conf"
br() { as_pg pgbackrest --config="$conf" --stanza=bench "$@"; }
load() { cut -d' ' -f1 /proc/loadavg; }
# A checkpoint, the WAL archived, the page cache written back: the cluster at rest before a timing.
# The archiver pushes every WAL segment the data's generation and each backup wrote (pgBackRest's
# archive-push, compressing and encrypting on a core of its own); until the backlog is done it took
# CPU from whichever backup ran first (Coffer's full backup of big timed 8.6 s with it, 4.2-5.0 s at
# rest), and pg_backup_stop waited for it.
settle() {
  "${pg[@]}" -d postgres -c CHECKPOINT >/dev/null
  local i
  for i in $(seq 1 600); do
    [ "$("${pg[@]}" -Atd postgres -c "SELECT count(*) FROM pg_ls_archive_statusdir() WHERE name LIKE '%.ready'")" = 0 ] && break
    sleep 0.5
  done
  [ "$i" -lt 600 ] || echo "# the WAL archiver did not catch up in 5 minutes; timing beside it (see the server's log)" >&2
  sync
}
cold() { sync; echo 3 > /proc/sys/vm/drop_caches; }   # before each restore (see the top)
fresh() { rm -rf "$1"; mkdir -p "$1"; chown postgres:postgres "$1"; chmod 700 "$1"; }

cluster() {
  [ -d "$work/pg" ] && as_pg "$bin/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work/pg" "$work/pgbackrest"
  mkdir -p "$work/pg" "$work/pgbackrest/log"
  chown -R postgres:postgres "$work/pg" "$work/pgbackrest"
  cat > "$conf" <<CONF
[global]
repo1-path=$work/pgbackrest/repo
repo1-cipher-type=aes-256-cbc
repo1-cipher-pass=bench-only-passphrase
repo1-retention-full=99
compress-type=zst
process-max=2
log-path=$work/pgbackrest/log
lock-path=$work/pgbackrest
log-level-console=warn
start-fast=y

[bench]
pg1-path=$work/pg/data
pg1-port=$port
pg1-socket-path=$work/pg
CONF
  chmod 644 "$conf"
  as_pg "$bin/initdb" -D "$work/pg/data" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >> "$work/pg/data/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$work/pg'
archive_mode = on
archive_command = 'pgbackrest --config=$conf --stanza=bench archive-push %p'
max_wal_size = 2GB
CONF
  as_pg "$bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w start >/dev/null
}

generate() {
  case "$1" in
    small) "${pg[@]}" -d postgres -c "DO \$\$ BEGIN FOR i IN 1..(2000 * $SCALE)::int LOOP
      EXECUTE format('CREATE TABLE t%s AS SELECT g AS id, md5(g::text) AS v, now() AS at FROM generate_series(1, 200) g', i);
      END LOOP; END \$\$" ;;
    big) "${pg[@]}" -d postgres -c "CREATE TABLE big (id bigint PRIMARY KEY, a int, b text, c timestamptz)" \
      -c "INSERT INTO big SELECT g, (random() * 1e6)::int, md5(g::text), now() - g * interval '1 s'
          FROM generate_series(1, (4000000 * $SCALE)::bigint) g" \
      -c "CREATE INDEX big_a ON big (a)" -c "CREATE INDEX big_c ON big (c)" ;;
    bytea) "${pg[@]}" -d postgres -c "CREATE TABLE blobs (id int PRIMARY KEY, data bytea)" \
      -c "ALTER TABLE blobs ALTER data SET STORAGE EXTERNAL" \
      -c "INSERT INTO blobs SELECT g, x.d FROM generate_series(1, (40000 * $SCALE)::int) g,
          LATERAL (SELECT decode(string_agg(md5(random()::text || g || i), ''), 'hex') AS d FROM generate_series(1, 512) i) x" ;;
  esac
}

# 1% of rows rewritten at random places, then a checkpoint: what the next backup must pick up.
churn() {
  case "$1" in
    small) "${pg[@]}" -d postgres -c "DO \$\$ BEGIN FOR i IN 1..(2000 * $SCALE)::int LOOP
      EXECUTE format('UPDATE t%s SET v = md5(v) WHERE id = %s', i, 1 + (random() * 199)::int) ;
      END LOOP; END \$\$" ;;
    big) "${pg[@]}" -d postgres -c "UPDATE big SET b = md5(b) WHERE random() < 0.01" ;;
    bytea) "${pg[@]}" -d postgres -c "UPDATE blobs SET data = decode(md5(data::text), 'hex') || substr(data, 17)
      WHERE random() < 0.01" ;;
  esac
  settle
}

coffer_fresh() { # [LAUNCHER VOLUME]
  local launcher=${1:-$coffer} volume=${2:-$work/coffer}
  rm -rf "$COFFER_HOME" "$volume"
  : > "$COFFER_CONFIG"
  "$launcher" volume init "$volume" ${VOLUME_FORMAT:+--format "$VOLUME_FORMAT"} "${init_args[@]}" >/dev/null
  "$launcher" volume add vault "$volume" >/dev/null
  "$launcher" node add pg --engine postgresql --host 127.0.0.1 --port "$port" >/dev/null
  [ -z "$WARM" ] || "$launcher" agent add bench >/dev/null
}

# VS: the other build's full backup and cold restore of the same cluster, tab-separated; a home
# and a volume of its own, so that the level 1 after the runs still builds on this build's backup.
vs_round() {
  settle
  export COFFER_HOME="$work/vs-home" COFFER_CONFIG="$work/vs.yaml"
  coffer_fresh "$VS" "$work/vs-coffer"
  local b s r
  b=$(timed "$VS" backup run --node pg --kind PHYSICAL)
  s=$(size "$work/vs-coffer")
  rm -rf "$work/restore"
  cold
  r=$(timed "$VS" restore run 1 --target-dir "$work/restore")
  rm -rf "$work/restore" "$COFFER_HOME" "$work/vs-coffer"
  printf '%s\t%s\t%s' "$b" "$r" "$s"
}

# The throwaway cluster is stopped whatever ends the script: left running it would hold what the
# script inherited, the benchmark lock's file among them.
stop_cluster() { [ ! -d "$work/pg/data" ] || as_pg "$bin/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1 || true; }
trap 'stop_agent; stop_cluster' EXIT


echo "# PHYSICAL bench: SCALE=$SCALE RUNS=$RUNS SHAPES=$SHAPES VOLUME_FORMAT=${VOLUME_FORMAT:-default} COMPRESSION=${COMPRESSION:-default} CHUNK_AVG=${CHUNK_AVG:-default}, $(nproc) cores, load $(load)" >&2
declare -A out
for shape in $SHAPES; do
  echo "== $shape: cluster and data" >&2
  cluster
  # The stanza first: until it exists every archive-push fails, and settle waited its five minutes
  # in vain for the archiver after the data's generation.
  br stanza-create >/dev/null
  generate "$shape"
  # Frozen before the first backup: otherwise autovacuum sets hint bits and visibility bits on every
  # page whenever it gets to the new table, and whether that falls before the first backup or
  # between it and the churned one decided whether "next backup adds" was 4% or 67% of bytea.
  "${pg[@]}" -d postgres -c "VACUUM (FREEZE, ANALYZE)" >/dev/null
  settle
  db_size=$("${pg[@]}" -Atd postgres -c "SELECT sum(pg_database_size(oid)) FROM pg_database")
  l0=$(load)
  : > "$work/$shape.tsv"
  for run in $(seq 1 "$RUNS"); do
    echo "== $shape run $run" >&2
    vs=""
    # The other build goes first in odd runs and last in even ones: neither always meets a warmer cache.
    [ -z "$VS" ] || [ $((run % 2)) -eq 0 ] || vs=$(vs_round)
    settle
    coffer_fresh
    c_b=$(timed "$coffer" backup run --node pg --kind PHYSICAL)
    c_s=$(size "$work/coffer")
    rm -rf "$work/restore"
    cold
    c_r=$(timed "$coffer" restore run 1 --target-dir "$work/restore")
    rm -rf "$work/restore"
    w_r=""; w_b=""; s_r=""; s_b=""
    if [ -n "$WARM" ]; then
      listen=()
      [ -z "$SERVER" ] || serve_api "$work/token"
      COFFER_AGENT_POLL=200ms "$coffer" agent run "${listen[@]}" 2> "$work/agent.log" &
      agent=$!
      "$coffer" volume init "$work/coffer-agent" ${VOLUME_FORMAT:+--format "$VOLUME_FORMAT"} "${init_args[@]}" >/dev/null
      "$coffer" volume add vault-agent "$work/coffer-agent" >/dev/null
      oneoff_by_agent "$work/home/catalog.db" pg postgres vault-agent >/dev/null   # opens the volume
      restore_by_agent "$work/home/catalog.db" 1 --target-node pg --target-dir "$work/restore" >/dev/null # warm-up
      rm -rf "$work/restore"
      settle
      read -r w_r w_q < <(restore_by_agent "$work/home/catalog.db" 1 --target-node pg --target-dir "$work/restore")
      [ -n "$w_r" ] || { echo "the restore by the agent failed; see $work/agent.log" >&2; exit 1; }
      echo "   warm restore $w_r s (queued $w_q s before its claim)" >&2
      rm -rf "$work/restore"
      settle
      w_b=$(oneoff_by_agent "$work/home/catalog.db" pg "" vault-agent PHYSICAL)
      echo "   warm full backup $w_b s" >&2
      rm -rf "$work/coffer-agent"
      if [ -n "$SERVER" ]; then
        remote=("$coffer" --server "$url" --insecure-http --token-file "$work/token")
        # The API's first request loads the server's classes (Jetty, Javalin, the JSON of a plan and a
        # job) from the jar, 0.1-0.2 s that a running agent pays once: warmed up, as the agent is.
        "${remote[@]}" restore run 1 --target-dir "$work/restore" >/dev/null 2>&1
        rm -rf "$work/restore"
        settle
        s_r=$(timed "${remote[@]}" restore run 1 --target-dir "$work/restore" 2>/dev/null)
        echo "   restore by a command to the agent $s_r s" >&2
        rm -rf "$work/restore"
        "$coffer" volume init "$work/coffer-server" ${VOLUME_FORMAT:+--format "$VOLUME_FORMAT"} "${init_args[@]}" >/dev/null
        "$coffer" volume add vault-server "$work/coffer-server" >/dev/null
        oneoff_by_agent "$work/home/catalog.db" pg postgres vault-server >/dev/null   # opens the volume
        settle
        s_b=$(timed "${remote[@]}" backup run --node pg --kind PHYSICAL --volume vault-server 2>/dev/null)
        echo "   full backup by a command to the agent $s_b s" >&2
        rm -rf "$work/coffer-server"
      fi
      stop_agent
    fi

    settle
    fresh "$work/basebackup"
    b_b=$(timed as_pg "$bin/pg_basebackup" -D "$work/basebackup" -Fp -X stream -c fast -h 127.0.0.1 -p "$port" -U postgres)
    b_s=$(size "$work/basebackup")
    cold
    b_r=$(timed cp -a "$work/basebackup" "$work/restore")
    rm -rf "$work/restore" "$work/basebackup"

    settle
    rm -rf "$work/pgbackrest/repo"
    br stanza-create >/dev/null
    r_b=$(timed br backup --type=full)
    r_s=$(size "$work/pgbackrest/repo")
    fresh "$work/restore"
    cold
    r_r=$(timed br restore --pg1-path="$work/restore")
    rm -rf "$work/restore"
    [ -z "$VS" ] || [ $((run % 2)) -eq 1 ] || vs=$(vs_round)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$c_b" "$b_b" "$r_b" "$c_r" "$b_r" "$r_r" "$c_s" "$b_s" \
      "$r_s" "$w_r" "${vs:-		}" "$w_b" "$s_r" "$s_b" >> "$work/$shape.tsv"
  done
  # Churn against the last run's repositories: Coffer's level 1 and pgBackRest's incr after 1% updates.
  churn "$shape"
  c_before=$c_s
  level1() { "$coffer" backup run --node pg --kind PHYSICAL --level 1 --volume vault --json > "$work/level1.json"; }
  c_l1=$(timed level1)
  l1_id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["id"])' "$work/level1.json")
  c_grow=$(( $(size "$work/coffer") - c_before ))
  r_before=$(size "$work/pgbackrest/repo")
  r_l1=$(timed br backup --type=incr)
  r_grow=$(( $(size "$work/pgbackrest/repo") - r_before ))
  # Each tool's restore of what it just took: Coffer's level 1, pgBackRest's latest (the incr).
  rm -rf "$work/restore"
  cold
  c_l1r=$(timed "$coffer" restore run "$l1_id" --target-dir "$work/restore")
  fresh "$work/restore"
  cold
  r_l1r=$(timed br restore --pg1-path="$work/restore")
  rm -rf "$work/restore"
  l1=$(load)
  col() { cut -f"$1" "$work/$shape.tsv" | range; }
  warm_row=""
  [ -z "$WARM" ] || warm_row="| full backup by a running agent, claim to end, s | $(col 14) | — | — |
| restore by a running agent, claim to end, s | $(col 10) | — | — |
"
  [ -z "$SERVER" ] || warm_row+="| full backup by a command to the agent (\`--server\`), s | $(col 16) | — | — |
| restore by a command to the agent (\`--server\`), s | $(col 15) | — | — |
"
  colmb() { cut -f"$1" "$work/$shape.tsv" | while read -r b; do mb "$b"; done | range; }
  vs_rows=""
  [ -z "$VS" ] || vs_rows="| VS build: full backup, restore s; stored MB | $(col 11); $(col 12); $(colmb 13) | — | — |
"
  out[$shape]=$(cat <<MD
### $shape: $(mb "$db_size") MB of databases (load average $l0 → $l1)

| | Coffer PHYSICAL | pg_basebackup -Fp | pgBackRest $(pgbackrest version | cut -d' ' -f2) |
|---|---|---|---|
| full backup, wall s | $(col 1) | $(col 2) | $(col 3) |
| restore, wall s | $(col 4) | $(col 5) (cp -a) | $(col 6) |
${warm_row}${vs_rows}| stored, MB | $(colmb 7) | $(colmb 8) | $(colmb 9) |
| after 1% updates + CHECKPOINT, next backup adds MB | $(mb "$c_grow") (level 1) | — | $(mb "$r_grow") (incr) |
| that backup, wall s; its cold restore, wall s | $c_l1; $c_l1r | — | $r_l1; $r_l1r |
MD
)
done
stop_cluster
for shape in $SHAPES; do
  echo "${out[$shape]}"
  echo
done
