# Helpers shared by the benchmark scripts; sourced, not run.

# Installs a Debian package when its command is missing.
need() { command -v "$1" >/dev/null || { echo "installing $2" >&2; apt-get install -y -qq "$2" >/dev/null; }; }

# Wall seconds of a command; its stdout is discarded, stdin is whatever the caller redirects.
timed() { local s e; s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N); echo "scale=2; ($e - $s) / 1" | bc; }
# "wall cpu" seconds of a command (cpu = user + system of it and its children, as /usr/bin/time
# counts them); its stdout is discarded. A shell function is timed through a child bash.
timed_cpu() {
  local f; f=$(mktemp)
  if [ "$(type -t "$1")" = function ]; then
    /usr/bin/time -f '%e %U %S' -o "$f" bash -c "$(declare -f "$1"); $(printf '%q ' "$@")" > /dev/null
  else
    /usr/bin/time -f '%e %U %S' -o "$f" "$@" > /dev/null
  fi
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$f"; rm -f "$f"
}
size() { du -sb "$1" | cut -f1; }
# The numbers on stdin (one per line) as "min–max", or one number when they are all equal.
range() { sort -n | awk 'NR==1{min=$1} {max=$1} END{ if (min==max) printf "%s", min; else printf "%s–%s", min, max }'; }
mb() { echo "scale=1; $1 / 1000000" | bc; }
ratio() { echo "scale=2; $1 / $2" | bc; }

# Lets the machine settle before a timed run: a checkpoint flushes what the previous step left dirty
# (a 1 GB load leaves a checkpoint due), so that each tool pays only for its own writes.
settle() { psql -qX -d postgres -c CHECKPOINT >/dev/null; sync; }

# Waits until the job that the SQL condition $2 selects in catalog $1 has ended; fails, naming its
# state, unless it SUCCEEDED, and after AWAIT_SECONDS (default 1800) or when $2 names no id.
await_job() {
  local state limit=${AWAIT_SECONDS:-1800}
  local deadline=$((SECONDS + limit))
  # A condition on an empty id ("id = ") matches no job and would be waited for for ever.
  [[ "$2" =~ =[[:space:]]*$ ]] && { echo "await_job: no job to wait for ($2)" >&2; return 1; }
  until state=$(sqlite3 "$1" "select state from job where $2") && [[ "$state" =~ ^(SUCCEEDED|FAILED|ABORTED)$ ]]; do
    (( SECONDS < deadline )) || { echo "the job ($2) did not end within $limit s (state: ${state:-none})" >&2; return 1; }
    sleep 0.1
  done
  [ "$state" = SUCCEEDED ] || { echo "the job ($2) ended $state" >&2; return 1; }
}

# Runs a `coffer restore add … --at now --json` (the arguments after the catalog's path) for a
# running agent to carry out, waits until its job has ended, and prints "claim-to-end queued" in
# seconds, from the catalog's job record (the wait for the claim is a poll interval, not work).
# Fails, naming the state, unless the job SUCCEEDED.
restore_by_agent() {
  local catalog=$1 id
  shift
  id=$("$coffer" restore add "$@" --at now --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
  [ -n "$id" ] || { echo "restore add printed no id" >&2; return 1; }
  await_job "$catalog" "restore_definition_id = $id" || return 1
  sqlite3 "$catalog" "select printf('%.2f %.2f', (j.finished_at - j.claimed_at) / 1000.0,
    (j.claimed_at - r.created_at) / 1000.0) from job j join restore_definition r on r.id = j.restore_definition_id
    where j.restore_definition_id = $id"
}

# A `coffer agent run` a script started in the background (its pid in $agent), stopped by stop_agent
# (scripts call it from their EXIT trap as well).
agent=""
stop_agent() { [ -z "$agent" ] || { kill "$agent" 2>/dev/null; wait "$agent" 2>/dev/null || true; agent=""; }; }

# CPU seconds a process has used, its reaped children included (/proc/PID/stat fields 14–17).
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15 + $16 + $17) / hz }' "/proc/$1/stat"; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a - b }'; }
# Minor page faults a process has taken, its own threads only (/proc/PID/stat field 10): each is a
# page of memory touched for the first time since it was mapped (or since it was given back).
faults_of() { awk '{ print $10 }' "/proc/$1/stat"; }
# CPU seconds of a JVM's garbage collector threads ("GC Thread#N", and "VM Thread", which runs the
# collections' safepoint work), from each thread's /proc/PID/task/TID/stat.
gc_cpu_of() {
  local t total=0 hz
  hz=$(getconf CLK_TCK)
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      "GC Thread#"*|"VM Thread") total=$((total + $(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{ print $12 + $13 }' || echo 0))) ;;
    esac
  done
  awk -v t="$total" -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }'
}

# A one-off of database $3 (none: "") on node $2 into volume $4, of kind $5 (default FULL), carried
# out by the running agent of catalog $1; prints the job's seconds from claim to end. Fails, naming
# the state, unless it SUCCEEDED.
oneoff_by_agent() {
  local id
  id=$("$coffer" oneoff add --node "$2" ${3:+--databases "$3"} --kind "${5:-FULL}" --volume "$4" --at now --json \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
  [ -n "$id" ] || { echo "oneoff add printed no id" >&2; return 1; }
  await_job "$1" "oneoff_id = $id" || return 1
  sqlite3 "$1" "select printf('%.2f', (finished_at - claimed_at) / 1000.0) from job where oneoff_id = $id"
}

# Prepares a running agent's API on a free loopback port, for SERVER=1 of the scripts: sets `url`
# (for `coffer --server "$url" --insecure-http --token-file "$1"`) and `listen` (the options of
# `agent run`), adds the operator `bench` unless the catalog has it, and writes a token of it to $1.
serve_api() {
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  url="http://127.0.0.1:$port" listen=(--listen "127.0.0.1:$port" --insecure-http)
  "$coffer" user list 2>/dev/null | grep -qw bench \
    || COFFER_USER_PASSWORD=bench-only-user-password "$coffer" user add bench --role operator >/dev/null
  "$coffer" token create --user bench --name bench > "$1" 2>/dev/null
}
