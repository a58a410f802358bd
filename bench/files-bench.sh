#!/usr/bin/env bash
# FILES backups against restic on the same ~2 GB directory of mixed files (bench/gen-files.py: 30,000
# small text files, 200 medium files half random and half text, a large log, a random file, a file
# of 8 KiB database-like pages and a sparse image), both encrypted:
#   1. a full backup (Coffer level 0, restic's first snapshot), from cold caches (as root): wall
#      time and stored size;
#   2. the same directory unchanged (Coffer level 1, restic's second snapshot): wall time, with
#      Coffer's own time inside the command (from the backup's start to its commit) beside it;
#   3. start-up: the wall time of a command that opens the catalog and the volume and does nothing
#      (`coffer backup list`) and of `restic snapshots`;
#   (after the restores) 1% of the database-like file's pages changed in 8 bytes each: Coffer's
#      level 1 and restic's next snapshot, wall time and the bytes each adds (the file is put back);
#   4. restore of the full backup into an empty directory (`coffer restore run 1 --target-dir`,
#      `restic restore latest --target`), RESTORES times each in turns (default 2), and Coffer's
#      again with the node's restore_sync off (where the build has it): wall and CPU
#      seconds. Before each, the page cache and the kernel's inode and dentry caches are dropped
#      (as root). As root, the restores go to a file system of their own, a fresh ext4 with a
#      journal made in a file on a loop device (RESTORE_FS=ext4, the default; RESTORE_FS=here
#      restores below BENCH_DIR instead), as a restore of a server would: on an ext4 without a
#      journal, as this project's machines have, the inode allocator passes over every inode freed
#      in the last minutes, one at a time, and each restore re-created 30,000 files right after the
#      previous one's were deleted: more than a second of kernel time of each restore went there
#      (docs/benchmarks.md, "FILES restores" and "A restored file's attributes").
# With WARM=1, also: the unchanged level-1 backup carried out ROUNDS times (default 3, after one
# warm-up) by a running `coffer agent run --listen`, queued through its API as an operator would
# (`coffer --server … backup run --level 1 --no-wait`); its time is the job's, from its claim to its
# end, as the catalog records them: no JVM start, key derivation or compilation inside it.
# With VS=other/checkout/coffer, also: ROUNDS unchanged level-1 backups by that launcher and by this
# one in turn (the other first), on the same catalog and volume: an A/B of a change.
#
#   bench/files-bench.sh                  # full run (SCALE=1: ~2 GB)
#   SCALE=0.1 bench/files-bench.sh        # quick run (~200 MB)
#   REUSE_FILES=1 …                       # keep the generated directory of an earlier run
#   WARM=1 REUSE_FILES=1 bench/files-bench.sh
#   COFFER=other/checkout/coffer …        # every Coffer command by another build's launcher
#   RESTORE_FS=here …                     # restores below BENCH_DIR, on its file system
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
coffer=${COFFER:-$root/coffer}

. "$root/bench/lib.sh"
need restic restic
need bc bc
WARM=${WARM:-}
ROUNDS=${ROUNDS:-3}
[ -z "$WARM" ] || need sqlite3 sqlite3

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

# Each tool's full backup reads the tree from the disk (as root: the caches dropped first), as a
# first backup of a server does; otherwise the one that ran second read it from the page cache the
# first one had filled (a run gave restic 8.6 s against Coffer's 12.6 s that way, and another, whose
# tree had just been generated, 11.3 s against 11.1 s).
cold_caches() { sync; [ "$(id -u)" != 0 ] || echo 3 > /proc/sys/vm/drop_caches; }
l0=$(load)
cold_caches
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
cold_caches
r_full=$(timed restic -q -r "$work/restic" backup --compression auto "$data")
s_restic=$(size "$work/restic")
r_again=$(timed restic -q -r "$work/restic" backup --compression auto "$data")
r_start=$(timed restic -q -r "$work/restic" snapshots)

# Restores into an empty directory, Coffer's and restic's in turns, each from cold caches (see above).
RESTORE_FS=${RESTORE_FS:-ext4}
[ "$(id -u)" = 0 ] && command -v mkfs.ext4 >/dev/null && command -v losetup >/dev/null || RESTORE_FS=here
target="$work/restore"
unmount_target() { ! mountpoint -q "$work/restore-fs" || umount "$work/restore-fs"; rm -f "$work/restore-fs.img"; }
if [ "$RESTORE_FS" = ext4 ]; then
  # Room for the tree twice over (holes are restored as holes) and ext4's own metadata.
  unmount_target
  truncate -s "$(( apparent * 2 + (1 << 30) ))" "$work/restore-fs.img"
  mkfs.ext4 -q -F "$work/restore-fs.img"
  mkdir -p "$work/restore-fs"
  if mount -o loop "$work/restore-fs.img" "$work/restore-fs"; then
    trap unmount_target EXIT
    target="$work/restore-fs/restore"
  else
    echo "no loop device for the restores' file system: restoring below $work" >&2
    rm -f "$work/restore-fs.img"
    RESTORE_FS=here
  fi
fi
fresh_target() {
  rm -rf "$target"
  cold_caches
}
c_restore=""; r_restore=""; c_unsynced=""
for round in $(seq "${RESTORES:-2}"); do
  fresh_target
  c_restore="$c_restore$(timed_cpu "$coffer" restore run 1 --target-dir "$target")
"
  [ "$(find "$target" -type f | wc -l)" -eq "$files" ] || { echo "Coffer's restore is incomplete" >&2; exit 1; }
  # The same with the node's restore_sync off (the writeback left to the kernel), where the build
  # has the setting (a build before it refuses the key, and the row is left out).
  if "$coffer" node update files --set restore_sync=off >/dev/null 2>&1; then
    fresh_target
    c_unsynced="$c_unsynced$(timed_cpu "$coffer" restore run 1 --target-dir "$target")
"
    [ "$(find "$target" -type f | wc -l)" -eq "$files" ] || { echo "Coffer's restore is incomplete" >&2; exit 1; }
    "$coffer" node update files --set restore_sync=on >/dev/null
  fi
  fresh_target
  r_restore="$r_restore$(timed_cpu restic -q -r "$work/restic" restore latest --target "$target")
"
  [ "$(find "$target" -type f | wc -l)" -eq "$files" ] || { echo "restic's restore is incomplete" >&2; exit 1; }
done
rm -rf "$target"
[ "$RESTORE_FS" != ext4 ] || unmount_target
restore_cells() { # "W s, C CPU-s": the ranges of the wall and CPU columns of lines "wall cpu"
  printf '%s s, %s CPU-s' "$(echo -n "$1" | cut -d' ' -f1 | range)" "$(echo -n "$1" | cut -d' ' -f2 | range)"
}

# WARM=1: level 1 by a running agent, queued through its API; prints the job's seconds, claim to end.
trap 'stop_agent; [ "$RESTORE_FS" != ext4 ] || unmount_target' EXIT
warm_level1() {
  local job
  job=$("$coffer" --server "$url" --insecure-http --token-file "$work/token" \
    backup run --node files --kind FILES --level 1 --no-wait --json \
    | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["job-id"])')
  [ -n "$job" ] || { echo "no job id from the server" >&2; exit 1; }
  await_job "$work/home/catalog.db" "id = $job" || { echo "see $work/agent.log" >&2; exit 1; }
  sqlite3 "$work/home/catalog.db" "select printf('%.2f', (finished_at - claimed_at) / 1000.0) from job where id = $job"
}
warm=""
if [ -n "$WARM" ]; then
  "$coffer" agent add bench >/dev/null
  COFFER_USER_PASSWORD=bench-only-user-password "$coffer" user add bench --role operator >/dev/null
  "$coffer" token create --user bench --name bench --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])' \
    > "$work/token"
  api_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  url="http://127.0.0.1:$api_port"
  COFFER_AGENT_POLL=200ms "$coffer" agent run --listen "127.0.0.1:$api_port" --insecure-http 2> "$work/agent.log" &
  agent=$!
  until curl -s -o /dev/null "$url/api/v1/health" 2>/dev/null; do sleep 0.2; done
  echo "warm-up level 1 by the agent: $(warm_level1) s" >&2
  for round in $(seq "$ROUNDS"); do
    sync
    warm="$warm $(warm_level1)"
  done
  stop_agent
  warm=$(echo $warm | tr ' ' '\n' | range)
fi
# VS=…: unchanged level 1 by another build's launcher and by this one, alternating.
ab=""
if [ -n "${VS:-}" ]; then
  ab="| round | other build: wall s | CPU s | own work s | this build: wall s | CPU s | own work s |
|---|---|---|---|---|---|---|
"
  level1_by() {   # prints "wall cpu work" of one unchanged level 1 by launcher $1
    local out id
    out=$( { /usr/bin/time -f "%e %U %S" "$1" backup run --node files --kind FILES --level 1 --json > "$work/ab.json"; } 2>&1 | tail -1)
    id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["id"])' "$work/ab.json")
    echo "$out" | awk '{printf "%s %.2f", $1, $2 + $3}'
    echo " $(work "$id")"
  }
  for round in $(seq "$ROUNDS"); do
    read -r ow oc oo <<< "$(level1_by "$VS")"
    read -r tw tc to <<< "$(level1_by "$coffer")"
    ab="$ab| $round | $ow | $oc | $oo | $tw | $tc | $to |
"
  done
fi
# 1% of the database-like file's pages changed in 8 bytes each (as an update sets a row's xmax), then
# Coffer's level 1 and restic's next snapshot: what each adds, and its wall time. The file's bytes are
# put back afterwards (REUSE_FILES keeps the same data; only its mtime moved).
pages_file="$data/large/table.dat"
pages() { python3 - "$pages_file" "$work/pages.undo" "$1" <<'PY'
import os, random, sys
path, undo, mode = sys.argv[1:4]
with open(path, "r+b") as f:
    if mode == "change":
        pages = os.path.getsize(path) // 8192
        with open(undo, "wb") as u:
            for p in sorted(random.Random(42).sample(range(pages), pages // 100)):
                f.seek(p * 8192 + 100)
                u.write(p.to_bytes(8, "little") + f.read(8))
                f.seek(p * 8192 + 100)
                f.write(bytes([1, 2, 3, 4, 5, 6, 7, p & 0xff]))
    else:
        data = open(undo, "rb").read()
        for i in range(0, len(data), 16):
            f.seek(int.from_bytes(data[i:i + 8], "little") * 8192 + 100)
            f.write(data[i + 8:i + 16])
PY
}
pages change
before=$(size "$work/coffer")
c_changed=$(timed "$coffer" backup run --node files --kind FILES --level 1)
c_changed_adds=$(( $(size "$work/coffer") - before ))
before=$(size "$work/restic")
r_changed=$(timed restic -q -r "$work/restic" backup --compression auto "$data")
r_changed_adds=$(( $(size "$work/restic") - before ))
pages undo
rm -f "$work/pages.undo"

warm_row=""
[ -z "$WARM" ] || warm_row="| unchanged level 1 by a running agent, claim to end ($ROUNDS rounds) | | | $warm | |
"
l1=$(load)

cat <<MD
### FILES of $files files, $(mb "$apparent") MB ($(mb "$allocated") MB allocated), encrypted (load average $l0 → $l1)

| | Coffer wall s | inside the command s | the backup's own work s | restic $(restic version | cut -d' ' -f2) wall s |
|---|---|---|---|---|
| full backup (level 0 / first snapshot) | $c_full | $c_full_in | $c_full_work | $r_full |
| unchanged again (level 1 / second snapshot) | $c_again | $c_again_in | $c_again_work | $r_again |
| start-up (\`coffer backup list\` / \`restic snapshots\`) | $c_start | | | $r_start |
| 1% of $(basename "$pages_file")'s 8 KiB pages changed in 8 bytes: level 1 / next snapshot, wall s; adds MB | $c_changed; $(mb "$c_changed_adds") | | | $r_changed; $(mb "$r_changed_adds") |
| restore of the full backup into $([ "$RESTORE_FS" = ext4 ] && echo "a fresh ext4 with a journal" || echo "$work"), ${RESTORES:-2} rounds (wall; CPU) | $(restore_cells "$c_restore") | | | $(restore_cells "$r_restore") |
$([ -z "$c_unsynced" ] || echo "| the same with the node's restore_sync off (not synced before it is done) | $(restore_cells "$c_unsynced") | | | |")
${warm_row}

Stored: Coffer $(mb "$s_coffer") MB, restic $(mb "$s_restic") MB (ratio $(ratio "$s_coffer" "$s_restic"), target ≤ 1).
Full backup wall time Coffer/restic $(ratio "$c_full" "$r_full") (target ≤ 1). Unchanged level 1:
$c_again_work s of the backup's own work, $c_again_in s inside the command (target < 1 s plus
start-up; a command's start-up measured $c_start s).
MD
[ -z "$ab" ] || printf '\nUnchanged level 1, %s (other) against %s (this), load average %s:\n\n%s' "$VS" "$coffer" "$(load)" "$ab"
