#!/usr/bin/env bash
# Times a command's fixed cost: short commands that do almost no work, from the launcher's start to
# the command's exit (what a person waits for), with their CPU seconds: `--version`, `backup list` of
# an empty SQLite catalog here, and `backup list` of a running agent's catalog sent to its API, once
# as `--server URL` and once through client.server of coffer.yaml (the launcher chooses the class
# archive it maps from either).
#
#   bench/command-start.sh                          # this checkout's launcher, 10 runs of each
#   RUNS=20 bench/command-start.sh
#   COFFER=a/coffer OTHER=b/coffer bench/command-start.sh   # two builds, alternated run by run (an A/B)
#
# The agent (`agent run --listen` on a loopback port) and the catalogs are made by $COFFER's build and
# serve both builds' commands. Every command is run once before the timings (the launcher's builds
# and class archives, the agent's first requests). Work files go to $BENCH_DIR (default: a directory
# under /tmp), removed at the end with the agent stopped.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=${RUNS:-10}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/coffer-start-bench}
coffer=${COFFER:-$root/coffer}
builds=("$coffer")
[ -z "${OTHER:-}" ] || builds+=("$OTHER")
. "$root/bench/lib.sh"
need /usr/bin/time time
export COFFER_PASSWORD=bench-only-passphrase COFFER_JAVA_OPTS=${COFFER_JAVA_OPTS:--Xmx256m}
unset COFFER_PASSWORD_FILE COFFER_CLIENT_SERVER

trap 'stop_agent; rm -rf "$work"' EXIT
rm -rf "$work" && mkdir -p "$work"
printf 'home: %s\n' "$work/local" > "$work/local.yaml"
printf 'home: %s\nagent: bench\n' "$work/agent" > "$work/agent.yaml"
export COFFER_CONFIG="$work/agent.yaml"
for build in "${builds[@]}"; do "$build" --version >/dev/null; done   # builds and class archives, outside the timings
"$coffer" agent add bench >/dev/null
serve_api "$work/token"
printf 'client:\n  server: %s\n  token-file: %s\n' "$url" "$work/token" > "$work/client.yaml"
"$coffer" agent run "${listen[@]}" 2> "$work/agent.log" &
agent=$!
for _ in $(seq 300); do
  "$coffer" --server "$url" --insecure-http --token-file "$work/token" backup list >/dev/null 2>&1 && break
  sleep 0.1   # the agent's API is not listening yet
done

# The command $2 of build $1: "wall cpu" seconds.
run() {
  local build=$1
  case $2 in
    version) timed_cpu "$build" --version ;;
    local) COFFER_CONFIG="$work/local.yaml" timed_cpu "$build" backup list ;;
    server) COFFER_CONFIG="$work/local.yaml" timed_cpu "$build" --server "$url" --insecure-http \
      --token-file "$work/token" backup list ;;
    configured) COFFER_CONFIG="$work/client.yaml" timed_cpu "$build" --insecure-http backup list ;;
  esac
}

commands=(version local server configured)
for command in "${commands[@]}"; do
  for build in "${builds[@]}"; do run "$build" "$command" >/dev/null; done   # warm-up
done
for round in $(seq "$RUNS"); do
  for command in "${commands[@]}"; do
    for b in "${!builds[@]}"; do
      # Alternate which build goes first, round by round.
      i=$(( (b + round) % ${#builds[@]} ))
      echo "$command $i $(run "${builds[$i]}" "$command")" >> "$work/times"
    done
  done
done

# The numbers on stdin as "min–median–max".
spread() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f–%.2f–%.2f", v[1], v[int((NR + 1) / 2)], v[NR] }'; }
echo "| command | build | wall s (min–median–max of $RUNS) | CPU s (min–median–max) |"
echo "|---|---|---|---|"
for command in "${commands[@]}"; do
  for i in "${!builds[@]}"; do
    wall=$(awk -v c="$command" -v i="$i" '$1 == c && $2 == i { print $3 }' "$work/times" | spread)
    cpu=$(awk -v c="$command" -v i="$i" '$1 == c && $2 == i { print $4 }' "$work/times" | spread)
    echo "| $command | $(basename "$(dirname "${builds[$i]}")") | $wall | $cpu |"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
