#!/usr/bin/env bash
# What a command pays for a volume's index, with and without the index saved between commands
# (docs/repository-format.md, "The index saved between commands"). Builds a volume of MB megabytes
# of random bytes (default 1000: ~125,000 blobs at the default 8 KiB chunks) by `volume put` in
# parts of 100 MB, then times ROUNDS (default 6) rounds of `coffer volume stats` (it opens the volume
# and loads its whole index, then counts), in turn:
#   rebuilt: the saved index deleted first, so the command reads every index file, builds the table
#            and saves it;
#   saved:   the table saved by the run before it;
#   other:   with VS=other/checkout/coffer, that build's launcher (one without the saved index reads
#            every index file and saves nothing).
#
#   bench/index-load-bench.sh
#   MB=4000 ROUNDS=4 bench/index-load-bench.sh
#   VS=../before/coffer bench/index-load-bench.sh
#
# Work files go to $BENCH_DIR (default: a directory under /tmp); the volume is kept for REUSE=1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MB=${MB:-1000}
ROUNDS=${ROUNDS:-6}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/coffer-index-load-bench}
mkdir -p "$work"
export COFFER_PASSWORD=bench-only-passphrase COFFER_HOME="$work/home" COFFER_CONFIG="$work/coffer.yaml"
unset COFFER_PASSWORD_FILE
coffer="$root/coffer"
. "$root/bench/lib.sh"
need bc bc

"$coffer" --version >/dev/null   # build once, outside the timings
volume="$work/volume-$MB"
if [ -z "${REUSE:-}" ] || [ ! -f "$volume/config" ]; then
  rm -rf "$volume" "$work/home"
  : > "$COFFER_CONFIG"
  "$coffer" volume init "$volume" >/dev/null
  for part in $(seq $(( (MB + 99) / 100 ))); do
    head -c 100000000 /dev/urandom > "$work/part"
    "$coffer" volume put --name "part-$part" "$volume" "$work/part" >/dev/null 2>&1
  done
  rm -f "$work/part"
fi
: > "$COFFER_CONFIG"
blobs=$("$coffer" volume stats "$volume" --json | python3 -c 'import json, sys; d = json.load(sys.stdin); print(next(v for k, v in d.items() if k.lower() == "blobs"))')
files=$(ls "$volume/index" | wc -l)
saved="$COFFER_HOME/cache/index/saved"

rebuilt=() kept=() other=()
for round in $(seq "$ROUNDS"); do
  if [ -n "${VS:-}" ]; then
    other+=("$(timed_cpu "$VS" volume stats "$volume")")
  fi
  rm -rf "$saved"
  rebuilt+=("$(timed_cpu "$coffer" volume stats "$volume")")
  kept+=("$(timed_cpu "$coffer" volume stats "$volume")")
done
walls() { printf '%s\n' "$@" | cut -d' ' -f1 | range; }
cpus() { printf '%s\n' "$@" | cut -d' ' -f2 | range; }

cat <<MD
### \`volume stats\` of a volume of $blobs blobs in $files index files ($MB MB of random bytes; load $(cut -d' ' -f1 /proc/loadavg))

| | wall s | CPU s |
|---|---|---|
| index rebuilt from the index files (and saved) | $(walls "${rebuilt[@]}") | $(cpus "${rebuilt[@]}") |
| index read from the saved table | $(walls "${kept[@]}") | $(cpus "${kept[@]}") |
MD
if [ -n "${VS:-}" ]; then
  echo "| $VS | $(walls "${other[@]}") | $(cpus "${other[@]}") |"
fi
echo
echo "Saved table: $(du -b "$saved"/* | cut -f1 | head -1) bytes ($ROUNDS rounds, in turn)."
