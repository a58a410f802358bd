#!/usr/bin/env bash
# Times a MariaDB FULL backup against `mariadb-dump --single-transaction > /dev/null` of the same
# database (issue 12, goal 4), in rounds that rotate the order of three runs:
#   cold:  `coffer backup run --node my --database DB --volume vN` (a new JVM each time);
#   agent: the same backup as a one-off for now, carried out by one running `coffer agent run`
#          (started once, warmed up by one backup; each round's fresh volume is opened by a backup
#          of a tiny database first, as a running agent has its volume open): the job's time from
#          its claim to its end as the catalog records it;
#   dump:  `mariadb-dump --single-transaction DB > /dev/null`;
#   command (SERVER=1): the same backup typed as a command sent to that agent's API
#          (`agent run --listen`, `coffer --server URL … backup run`), from the command's start to its
#          exit; its CPU is the command's and the agent's across it.
# Every Coffer backup goes into a fresh encrypted volume, so nothing dedups. CPU seconds: user +
# system of the process and its children (mariadb-dump included) from /usr/bin/time for cold and
# dump, and the agent's own /proc counters (children included) across its job; `server CPU` is what
# mariadbd used meanwhile.
#
#   bench/mariadb-backup-bench.sh                  # shop, 1,100,000 orders (~300 MB dump), 3 rounds
#   ROWS=300000 ROUNDS=2 bench/mariadb-backup-bench.sh
#   ROWS=3500000 …                                 # a ~1 GB dump (972 MB)
#   SHAPE=wide ROWS=10000 …                        # one table of ROWS rows of a 16 KiB blob each
#   SHAPE=many TABLES=400 ROWS=500 …               # TABLES small tables of ROWS rows each
#   KEEP_DB=1 …                                    # keep (and reuse) the generated database
#   SKIP_AGENT=1 …                                 # cold and dump only
#   SERVER=1 …                                     # also the command to the agent (not with SKIP_AGENT)
#   PIPE=1 …                                       # also Coffer's dump to /dev/null and through `| cat`
#   COFFER=path/to/other/checkout/coffer …         # time another build's launcher (an A/B)
#
# Needs the machine's MariaDB (127.0.0.1:3306, root, no password). Work files go to $BENCH_DIR
# (default: a directory under /tmp, removed at the end); the databases are dropped at the end unless
# KEEP_DB is set.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHAPE=${SHAPE:-shop}
case "$SHAPE" in
  shop) ROWS=${ROWS:-1100000} ;;
  wide) ROWS=${ROWS:-10000} ;;
  many) ROWS=${ROWS:-500}; TABLES=${TABLES:-400} ;;
  *) echo "SHAPE must be shop, wide or many, got '$SHAPE'" >&2; exit 2 ;;
esac
ROUNDS=${ROUNDS:-3}
DB=${BENCH_DB:-coffer_mybench_$SHAPE}
TINY=coffer_mybench_tiny
work=${BENCH_DIR:-${TMPDIR:-/tmp}/coffer-mariadb-bench}
MY=(mariadb -h 127.0.0.1 -P 3306 -u root)
export COFFER_PASSWORD=bench-only-passphrase COFFER_CONFIG="$work/coffer.yaml"
export COFFER_JAVA_OPTS=${COFFER_JAVA_OPTS:--Xmx256m}
unset COFFER_PASSWORD_FILE
coffer=${COFFER:-$root/coffer}
. "$root/bench/lib.sh"
need /usr/bin/time time
need sqlite3 sqlite3
export coffer DB work
say() { echo "== $*" >&2; }

cleanup() {
  stop_agent
  [ -n "${KEEP_DB:-}" ] || "${MY[@]}" -e "DROP DATABASE IF EXISTS $DB" 2>/dev/null || true
  "${MY[@]}" -e "DROP DATABASE IF EXISTS $TINY" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$coffer" --version >/dev/null   # build once, outside the timings
if [ -z "${KEEP_DB:-}" ] || [ -z "$("${MY[@]}" -N -e "SHOW DATABASES LIKE '$DB'")" ]; then
  say "generating shape $SHAPE ($ROWS rows$([ "$SHAPE" != many ] || echo " in each of $TABLES tables")) in $DB"
  "${MY[@]}" -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"
  case "$SHAPE" in
    shop) (echo "SET @rows = $ROWS;"; cat "$root/bench/gen-shop-mariadb.sql") | "${MY[@]}" "$DB" ;;
    # 16 KiB of hash bytes per row (incompressible as bytes; --hex-blob writes them as hex).
    wide) "${MY[@]}" "$DB" -e "CREATE TABLE blobs (id int PRIMARY KEY, name varchar(64) NOT NULL, data longblob) ENGINE = InnoDB;
            SET SESSION group_concat_max_len = 1048576;
            INSERT INTO blobs SELECT g.seq, CONCAT('blob ', g.seq),
              (SELECT GROUP_CONCAT(UNHEX(SHA2(CONCAT(g.seq, '-', k.seq), 512)) ORDER BY k.seq SEPARATOR '') FROM seq_1_to_256 k)
            FROM seq_1_to_$ROWS g;" ;;
    many) for t in $(seq "$TABLES"); do
            echo "CREATE TABLE t$t (id int PRIMARY KEY, name varchar(64), at datetime, n decimal(12,2)) ENGINE = InnoDB;"
            echo "INSERT INTO t$t SELECT seq, MD5(CONCAT(seq, '-$t')), TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq MINUTE,"
            echo "  seq * 1.5 FROM seq_1_to_$ROWS;"
          done | "${MY[@]}" "$DB" ;;
  esac
fi
"${MY[@]}" -e "DROP DATABASE IF EXISTS $TINY; CREATE DATABASE $TINY; CREATE TABLE $TINY.t (id int PRIMARY KEY); INSERT INTO $TINY.t VALUES (1)"
dump_bytes=$(mariadb-dump -h 127.0.0.1 -u root --single-transaction "$DB" | wc -c)   # warms the buffer pool
coffer_dump_bytes=$(mariadb-dump -h 127.0.0.1 -u root --single-transaction --quick --hex-blob --tz-utc \
  --skip-dump-date --routines --triggers --events --databases "$DB" | wc -c)

rm -rf "$work" && mkdir -p "$work"
printf 'home: %s\nagent: bench\n' "$work/home" > "$COFFER_CONFIG"
"$coffer" agent add bench >/dev/null
"$coffer" node add my --engine mariadb --host 127.0.0.1 --port 3306 --admin-user root --credential none >/dev/null
catalog="$work/home/catalog.db"
server_pid=$(pgrep -x mariadbd | head -n 1)
volume() { "$coffer" volume init "$work/volume-$1" >/dev/null 2>&1; "$coffer" volume add "v$1" "$work/volume-$1" >/dev/null; }

cold_backup() { "$coffer" backup run --node my --database "$DB" --volume "$1" --json > "$work/$1.json"; }
command_backup() {
  "$coffer" --server "$url" --insecure-http --token-file "$work/token" backup run --node my --databases "$DB" \
    --volume "$1" --json > "$work/$1.json"
}
# A backup's --json: the backup's "status" from a command run here, under "backup" from a command sent to a server.
succeeded() {
  python3 -c 'import json,sys; r=json.load(sys.stdin); r=r.get("backup", r); assert r["status"] == "SUCCEEDED", r' \
    < "$work/$1.json"
}
dump() { mariadb-dump -h 127.0.0.1 -u root --single-transaction "$DB"; }
# The dump Coffer runs, to /dev/null and through a pipe to a reader that does nothing (PIPE=1).
coffer_dump() { mariadb-dump -h 127.0.0.1 -u root --single-transaction --quick --hex-blob --tz-utc --skip-dump-date \
  --routines --triggers --events --databases "$DB"; }
coffer_dump_piped() { coffer_dump | cat; }
export -f coffer_dump
by_agent() { oneoff_by_agent "$catalog" my "$1" "$2"; }
# "wall cpu server-cpu" of one kind of run in round $2.
run() {
  local s0 a0 t
  sync
  s0=$(cpu_of "$server_pid")
  case "$1" in
    cold) volume "c$2"; t=$(timed_cpu cold_backup "vc$2"); succeeded "vc$2" ;;
    command) volume "s$2"; by_agent "$TINY" "vs$2" >/dev/null
             a0=$(cpu_of "$agent"); t=$(timed_cpu command_backup "vs$2"); succeeded "vs$2"
             t="${t%% *} $(awk -v c="${t#* }" -v a="$(minus "$(cpu_of "$agent")" "$a0")" 'BEGIN { printf "%.2f", c + a }')" ;;
    agent) volume "a$2"; by_agent "$TINY" "va$2" >/dev/null
           a0=$(cpu_of "$agent"); t=$(by_agent "$DB" "va$2")
           t="$t $(minus "$(cpu_of "$agent")" "$a0")" ;;
    dump) t=$(timed_cpu dump) ;;
    options) t=$(timed_cpu coffer_dump) ;;
    piped) t=$(timed_cpu coffer_dump_piped) ;;
  esac
  echo "$t $(minus "$(cpu_of "$server_pid")" "$s0")"
}

if [ -z "${SKIP_AGENT:-}" ]; then
  listen=()
  [ -z "${SERVER:-}" ] || { serve_api "$work/token"; export url; }
  COFFER_AGENT_POLL=200ms "$coffer" agent run "${listen[@]}" 2> "$work/agent.log" &
  agent=$!
  volume warm; by_agent "$DB" vwarm >/dev/null   # the agent's first backup: JIT, class loading
  if [ -n "${SERVER:-}" ]; then   # and its API's first requests
    volume swarm; command_backup vswarm; succeeded vswarm; rm -rf "$work/volume-swarm"
  fi
  rm -rf "$work/volume-warm"
fi
say "database $DB: dump $(mb "$dump_bytes") MB (with Coffer's options $(mb "$coffer_dump_bytes") MB); load average $(cut -d' ' -f1-3 /proc/loadavg)"
kinds=(cold agent dump)
[ -z "${SKIP_AGENT:-}" ] || kinds=(cold dump)
[ -n "${SKIP_AGENT:-}" ] || [ -z "${SERVER:-}" ] || kinds=(cold agent command dump)
[ -z "${PIPE:-}" ] || kinds+=(options piped)
declare -A title=([cold]="coffer cold" [agent]="coffer in agent" [command]="command to the agent" [dump]="mariadb-dump" \
  [options]="mariadb-dump, Coffer's options" [piped]="the same \\| cat")
head="| round | order |"; rule="|---|---|"
for k in "${kinds[@]}"; do head+=" ${title[$k]} s / CPU s / server CPU s |"; rule+="---|"; done
head+=" cold / dump |"; rule+="---|"
[ -n "${SKIP_AGENT:-}" ] || { head+=" agent / dump |"; rule+="---|"; }
[ -n "${SKIP_AGENT:-}" ] || [ -z "${SERVER:-}" ] || { head+=" command / dump |"; rule+="---|"; }
echo "$head load |"; echo "$rule---|"
# One line per run of each kind ("round wall cpu server-cpu") and per round of the ratios and loads.
for k in "${kinds[@]}" ratios loads; do : > "$work/$k"; done
for round in $(seq "$ROUNDS"); do
  declare -A r=()
  n=${#kinds[@]}
  order=()
  for i in $(seq 0 $((n - 1))); do order+=("${kinds[$(((i + round - 1) % n))]}"); done
  for k in "${order[@]}"; do r[$k]=$(run "$k" "$round"); echo "$round ${r[$k]}" >> "$work/$k"; done
  d=${r[dump]%% *}
  ratios=$(ratio "${r[cold]%% *}" "$d")
  [ -n "${SKIP_AGENT:-}" ] || ratios+=" $(ratio "${r[agent]%% *}" "$d")"
  [ -n "${SKIP_AGENT:-}" ] || [ -z "${SERVER:-}" ] || ratios+=" $(ratio "${r[command]%% *}" "$d")"
  echo "$ratios" >> "$work/ratios"
  cut -d' ' -f1 /proc/loadavg >> "$work/loads"
  line="| $round | ${order[*]} |"
  for k in "${kinds[@]}"; do line+=" ${r[$k]// / \/ } |"; done
  echo "$line ${ratios// / | } | $(cut -d' ' -f1-3 /proc/loadavg) |"
  [ "$round" != 1 ] || stored=$(size "$work/volume-c1")
  rm -rf "$work"/volume-c"$round" "$work"/volume-a"$round" "$work"/volume-s"$round"
done
# Ranges over the rounds: wall s, CPU s and server CPU s of each kind, and the ratios to the dump.
col() { cut -d' ' -f"$2" "$work/$1" | range; }
echo
echo "over $ROUNDS rounds (load average $(range < "$work/loads") at the rounds' ends):"
for k in "${kinds[@]}"; do
  echo "  ${title[$k]}: $(col "$k" 2) s wall, $(col "$k" 3) CPU s, server $(col "$k" 4) CPU s"
done
echo "  cold / dump $(cut -d' ' -f1 "$work/ratios" | range)$([ -n "${SKIP_AGENT:-}" ] || echo "; agent / dump $(cut -d' ' -f2 "$work/ratios" | range)")$([ -n "${SKIP_AGENT:-}" ] || [ -z "${SERVER:-}" ] || echo "; command / dump $(cut -d' ' -f3 "$work/ratios" | range)")"
echo "stored: $(mb "$stored") MB per FULL volume; dump $(mb "$dump_bytes") MB (with Coffer's options $(mb "$coffer_dump_bytes") MB)"
