#!/usr/bin/env bash
# MariaDB PHYSICAL level 0 against level 1 after a small change, on a throwaway server (a data
# directory of its own under $BENCH_DIR, a free loopback port; the machine's shared server is never
# copied) holding the shop database of gen-shop-mariadb.sql. Each round, into a fresh encrypted
# volume:
#   1. an InnoDB checkpoint (dirty pages flushed), so that level 0's to_lsn is recent;
#   2. `coffer backup run --node my --kind PHYSICAL --volume vN` (level 0);
#   3. a small change: CHANGE orders updated (spread over the table) and one customer;
#   4. `coffer backup run … --level 1`: an increment on step 2's backup.
# Prints per round the wall and CPU seconds (user + system, children included: mariadb-backup) of
# both levels, the bytes each read (its stream) and the bytes it added to the volume, then ranges.
#
#   bench/mariadb-physical-levels.sh                    # ROWS=1000000 (~400 MB of files), 3 rounds
#   ROWS=300000 ROUNDS=2 CHANGE=500 bench/mariadb-physical-levels.sh
#   COFFER=path/to/other/checkout/coffer …              # another build's launcher (an A/B)
#
# Needs root (the server runs as the mysql user) and mariadb-backup of the server's version. Work
# files go to $BENCH_DIR (default: a directory under /tmp), removed at the end with the server.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS=${ROWS:-1000000}
ROUNDS=${ROUNDS:-3}
CHANGE=${CHANGE:-1000}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/coffer-mariadb-levels-bench}
export COFFER_PASSWORD=bench-only-passphrase COFFER_CONFIG="$work/coffer.yaml"
export COFFER_JAVA_OPTS=${COFFER_JAVA_OPTS:--Xmx256m}
unset COFFER_PASSWORD_FILE
coffer=${COFFER:-$root/coffer}
. "$root/bench/lib.sh"
need /usr/bin/time time
say() { echo "== $*" >&2; }
[ "$(id -u)" = 0 ] || { echo "needs root: the throwaway server runs as the mysql user" >&2; exit 2; }

server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$coffer" --version >/dev/null   # build once, outside the timings
rm -rf "$work"
mkdir -p "$work/data" "$work/run"
chmod 755 "$work"
chown mysql:mysql "$work/data" "$work/run"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
MY=(mariadb -h 127.0.0.1 -P "$port" -u root)
mariadb-install-db --no-defaults --datadir="$work/data" --user=mysql --auth-root-authentication-method=normal \
  --skip-test-db >/dev/null 2>&1
/usr/sbin/mariadbd --no-defaults --datadir="$work/data" --user=mysql --port="$port" --bind-address=127.0.0.1 \
  --socket="$work/run/sock" --pid-file="$work/run/pid" --log-error="$work/run/error.log" \
  --innodb-buffer-pool-size=256M &
server=$!
until "${MY[@]}" -e 'SELECT 1' >/dev/null 2>&1; do
  kill -0 "$server" 2>/dev/null || { cat "$work/run/error.log" >&2; exit 1; }
  sleep 0.2
done
say "generating the shop database ($ROWS orders)"
"${MY[@]}" -e "CREATE DATABASE shop"
(echo "SET @rows = $ROWS;"; cat "$root/bench/gen-shop-mariadb.sql") | "${MY[@]}" shop
checkpoint_age() { "${MY[@]}" -N -e "SHOW GLOBAL STATUS LIKE 'Innodb_checkpoint_age'" | cut -f2; }
checkpoint() {
  "${MY[@]}" -e "SET GLOBAL innodb_max_dirty_pages_pct = 0"
  until [ "$(checkpoint_age)" -lt 65536 ]; do sleep 0.2; done
  "${MY[@]}" -e "SET GLOBAL innodb_max_dirty_pages_pct = DEFAULT"
  sync
}

printf 'home: %s\n' "$work/home" > "$COFFER_CONFIG"
"$coffer" node add my --engine mariadb --host 127.0.0.1 --port "$port" --admin-user root --credential none >/dev/null
files=$(size "$work/data")
say "data directory $(mb "$files") MB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# One backup into volume $1 (more arguments go to backup run), its JSON result in $work/run.json.
run_backup() {
  local volume=$1
  shift
  "$coffer" backup run --node my --kind PHYSICAL --volume "v$volume" --json "$@" > "$work/run.json"
}
export -f run_backup
export coffer work
# "wall cpu read-bytes added-bytes" of one backup into volume $1 (more arguments go to backup run).
backup() {
  local before t
  before=$(size "$work/volume-$1")
  t=$(timed_cpu run_backup "$@")
  echo "$t $(python3 -c "import json, sys; r = json.load(sys.stdin); assert r['status'] == 'SUCCEEDED', r
print(r['bytes-read'])" < "$work/run.json") $(( $(size "$work/volume-$1") - before ))"
}

echo "| round | level 0 s / CPU s | level 0 read MB / added MB | level 1 s / CPU s | level 1 read MB / added MB | load |"
echo "|---|---|---|---|---|---|"
: > "$work/l0"; : > "$work/l1"; : > "$work/loads"
for round in $(seq "$ROUNDS"); do
  "$coffer" volume init "$work/volume-$round" >/dev/null 2>&1
  "$coffer" volume add "v$round" "$work/volume-$round" >/dev/null
  checkpoint
  l0=$(backup "$round")
  "${MY[@]}" shop -e "UPDATE orders SET status = 'round$round', quantity = quantity + 1
    WHERE id % $(( ROWS / CHANGE > 1 ? ROWS / CHANGE : 1 )) = 0 LIMIT $CHANGE;
    UPDATE customers SET balance = balance + 1 WHERE id = $round"
  l1=$(backup "$round" --level 1)
  echo "$l0" >> "$work/l0"; echo "$l1" >> "$work/l1"; cut -d' ' -f1 /proc/loadavg >> "$work/loads"
  read -r w0 c0 r0 a0 <<< "$l0"; read -r w1 c1 r1 a1 <<< "$l1"
  echo "| $round | $w0 / $c0 | $(mb "$r0") / $(mb "$a0") | $w1 / $c1 | $(mb "$r1") / $(mb "$a1") | $(cut -d' ' -f1-3 /proc/loadavg) |"
  rm -rf "$work/volume-$round"
done
col() { cut -d' ' -f"$2" "$work/$1" | range; }
mbs() { cut -d' ' -f"$2" "$work/$1" | while read -r b; do mb "$b"; done | range; }
echo
echo "over $ROUNDS rounds (load average $(range < "$work/loads") at the rounds' ends), data directory $(mb "$files") MB:"
echo "  level 0: $(col l0 1) s wall, $(col l0 2) CPU s, read $(mbs l0 3) MB, added $(mbs l0 4) MB"
echo "  level 1: $(col l1 1) s wall, $(col l1 2) CPU s, read $(mbs l1 3) MB, added $(mbs l1 4) MB"
