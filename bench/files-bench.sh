#!/usr/bin/env bash
# FILES backups against restic on the same ~2 GB directory of mixed files (bench/gen-files.py: 30,000
# small text files, 200 medium files half random and half text, a large log, a random file, a file
# of 8 KiB database-like pages and a sparse image), both encrypted:
#   1. a full backup (Coffer level 0, restic's first snapshot): wall time and stored size;
#   2. the same directory unchanged (Coffer level 1, restic's second snapshot): wall time, with
#      Coffer's own time inside the command (from the backup's start to its commit) beside it;
#   3. start-up: the wall time of a command that opens the catalog and the volume and does nothing
#      (`coffer backup list`) and of `restic snapshots`.
#
#   bench/files-bench.sh                  # full run (SCALE=1: ~2 GB)
#   SCALE=0.1 bench/files-bench.sh        # quick run (~200 MB)
#   REUSE_FILES=1 …                       # keep the generated directory of an earlier run
#
# Installs restic from Debian's package when missing. Work files go to $BENCH_DIR (default: a
# directory under /tmp); the generated directory stays there for REUSE_FILES.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCALE=${SCALE:-1}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/coffer-files-bench}
data="$work/data-$SCALE"
mkdir -p "$work"
export COFFER_JAVA_OPTS=${COFFER_JAVA_OPTS:--Xmx512m}
export COFFER_PASSWORD=bench-only-passphrase RESTIC_PASSWORD=bench-only-passphrase
export COFFER_HOME="$work/home" COFFER_CONFIG="$work/coffer.yaml" COFFER_AGENT=bench
unset COFFER_PASSWORD_FILE
coffer="$root/coffer"

. "$root/bench/lib.sh"
need restic restic
need bc bc

"$coffer" --version >/dev/null   # build once, outside the timings

if [ -n "${REUSE_FILES:-}" ] && [ -d "$data" ]; then
  echo "== reusing $data" >&2
else
  echo "== generating $data (scale $SCALE)" >&2
  rm -rf "$data"
  python3 "$root/bench/gen-files.py" "$data" "$SCALE"
fi
apparent=$(du -sb --apparent-size "$data" | cut -f1)
allocated=$(size "$data")
files=$(find "$data" -type f | wc -l)
echo "data: $files files, $(mb "$apparent") MB ($(mb "$allocated") MB allocated)" >&2

rm -rf "$work/home" "$work/coffer" "$work/restic"
: > "$COFFER_CONFIG"
"$coffer" volume init "$work/coffer" >/dev/null
"$coffer" volume add vault "$work/coffer" >/dev/null
"$coffer" node add files --engine filesystem --data-directory "$data" >/dev/null
sync

inside() { python3 -c 'import json,sys; print(json.load(sys.stdin)["seconds"])'; }
# The backup's own work, from the log of backup $1: from the quiesce hold (the volume is open, the
# parent's tree found) to the committed manifest; the rest of a command is start-up (JVM, catalog,
# the volume's key derivation), which a running agent pays once.
work() {
  "$coffer" backup show "$1" --json | python3 -c '
import json, sys, datetime
d = json.load(sys.stdin)
log = next(v for k, v in d.items() if k.lower() == "log")
def at(word):
    line = next(l for l in log.strip().splitlines() if word in l)
    return datetime.datetime.fromisoformat(line.strip().split(" ")[0].rstrip("Z")[:26])
print("%.2f" % (at("committed manifest") - at(": reading ")).total_seconds())'
}
load() { cut -d' ' -f1 /proc/loadavg; }

l0=$(load)
s=$(date +%s.%N)
c_full_in=$("$coffer" backup run --node files --kind FILES --json | inside)
c_full=$(echo "scale=2; ($(date +%s.%N) - $s) / 1" | bc)
s_coffer=$(size "$work/coffer")
s=$(date +%s.%N)
c_again_in=$("$coffer" backup run --node files --kind FILES --level 1 --json | inside)
c_again=$(echo "scale=2; ($(date +%s.%N) - $s) / 1" | bc)
c_start=$(timed "$coffer" backup list)
c_full_work=$(work 1)
c_again_work=$(work 2)

restic init -q -r "$work/restic" >/dev/null
r_full=$(timed restic -q -r "$work/restic" backup --compression auto "$data")
s_restic=$(size "$work/restic")
r_again=$(timed restic -q -r "$work/restic" backup --compression auto "$data")
r_start=$(timed restic -q -r "$work/restic" snapshots)
l1=$(load)

cat <<MD
### FILES of $files files, $(mb "$apparent") MB ($(mb "$allocated") MB allocated), encrypted (load average $l0 → $l1)

| | Coffer wall s | inside the command s | the backup's own work s | restic $(restic version | cut -d' ' -f2) wall s |
|---|---|---|---|---|
| full backup (level 0 / first snapshot) | $c_full | $c_full_in | $c_full_work | $r_full |
| unchanged again (level 1 / second snapshot) | $c_again | $c_again_in | $c_again_work | $r_again |
| start-up (\`coffer backup list\` / \`restic snapshots\`) | $c_start | | | $r_start |

Stored: Coffer $(mb "$s_coffer") MB, restic $(mb "$s_restic") MB (ratio $(ratio "$s_coffer" "$s_restic"), target ≤ 1).
Full backup wall time Coffer/restic $(ratio "$c_full" "$r_full") (target ≤ 1). Unchanged level 1:
$c_again_work s of the backup's own work, $c_again_in s inside the command (target < 1 s plus
start-up; a command's start-up measured $c_start s).
MD
