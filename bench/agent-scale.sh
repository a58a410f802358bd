#!/usr/bin/env bash
# Agent benchmark on one PostgreSQL catalog (a database of its own on the machine's server, dropped
# at the end): DEFINITIONS definitions over NODES nodes, all assigned to one agent, then
#   0. how long the agent takes from launch to its schedule loaded (the issue's "starts in under 2 s"),
#   1. the agent's idle CPU over IDLE seconds (utime + stime of its process, /proc/PID/stat),
#   2. how late DUE of the definitions, made due at the next minute, are queued and claimed after
#      their fire time (p50, p99, max, from the job rows),
#   3. CLAIMS jobs queued for any agent, claimed and ended by 3 agent processes: the time until the
#      last ended, and that each was claimed once (attempt 1, one claiming agent each; the history
#      has one row per claimed batch).
# Usage: bench/agent-scale.sh [DEFINITIONS NODES IDLE DUE CLAIMS]   (default 10000 1000 60 200 1000)
# Needs psql and the machine's PostgreSQL on 127.0.0.1:5432 (user postgres, trust).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
definitions=${1:-10000}; nodes=${2:-1000}; idle=${3:-60}; due=${4:-200}; claims=${5:-1000}
need psql postgresql-client
db="coffer_agent_bench_$$"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -qX -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $db with (force)" >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
sql() { psql -qAtX -h 127.0.0.1 -U postgres -d "$db" -c "$1"; }

"$root/coffer" --version >/dev/null   # builds the jar and its class archive if needed
# Agents start through the launcher, as the systemd unit starts them: with the class archive.
jar="$root/coffer-cli/target/coffer-all.jar"
psql -qX -h 127.0.0.1 -U postgres -d postgres -c "create database $db" >/dev/null
export COFFER_CATALOG_URL="jdbc:postgresql://127.0.0.1:5432/$db" COFFER_CATALOG_USER=postgres
export COFFER_CONFIG="$work/coffer.yaml" COFFER_PASSWORD=bench-passphrase COFFER_HOME="$work/home"
: > "$COFFER_CONFIG"
coffer() { java -XX:+UseParallelGC -jar "$jar" "$@"; }
coffer volume init "$work/volume" >/dev/null
coffer volume add vault "$work/volume" >/dev/null
coffer agent add bench >/dev/null
coffer agent update bench --set max_parallel_jobs=64 >/dev/null

# Nodes and definitions straight into the catalog: ten thousand `definition add` would take hours of
# JVM starts. The definitions' times are spread over the hours far from now, so none fires while the
# agent idles. The nodes are SQLite directories that do not exist: a run fails at once, which is all
# the latency measurement needs.
far=$(( ($(date +%-H) + 12) % 24 ))
sql "insert into node (name, engine, data_directory, status, created_at, updated_at)
     select 'n' || i, 'sqlite', '$work/missing-' || i, 'RUNNING', 0, 0 from generate_series(1, $nodes) i"
sql "insert into definition (agent_id, node_id, volume_id, databases, cron_minute, cron_hour, cron_day_of_month,
       cron_month, cron_day_of_week, kind, retention_period, retention_redundancy, status, created_at, updated_at)
     select (select id from agent where name = 'bench'), (select id from node where name = 'n' || (1 + i % $nodes)),
       (select id from volume where name = 'vault'), 'db' || i || '.db', (i % 60)::text, '$far', '*', '*', '*', 'FULL',
       '7 days', 1, 'ACTIVE', (extract(epoch from now()) * 1000)::bigint, 0 from generate_series(1, $definitions) i"
echo "catalog $db: $(sql 'select count(*) from node') nodes, $(sql 'select count(*) from definition') definitions"

launched=$(date +%s.%N)
COFFER_AGENT=bench "$root/coffer" agent run 2> "$work/bench.log" &
agent=$!; pids+=("$agent")
until grep -q "scheduled definition(s) loaded" "$work/bench.log"; do sleep 0.1; done
up=$(date +%s.%N)
started=$(grep -m1 "scheduled definition(s) loaded" "$work/bench.log")
echo "agent up in $(echo "scale=2; ($up - $launched) / 1" | bc) s (launch to its schedule loaded): ${started#* INFO  }"
sleep 5
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$agent/stat"; }
c0=$(cpu); t0=$(date +%s.%N); sleep "$idle"; c1=$(cpu); t1=$(date +%s.%N)
echo "idle CPU over ${idle} s: $(echo "scale=2; 100 * ($c1 - $c0) / $ticks / ($t1 - $t0)" | bc)% of one core"

# Due-job latency: DUE definitions made due at the next minute; the agent notices the change at its
# next heartbeat, and queues and claims them when the minute comes.
next=$(date -d '+1 minute' +'%-M %-H')
sql "update definition set cron_minute = '${next% *}', cron_hour = '${next#* }', updated_at = 1 where id <= $due"
wait_s=$(( 60 - $(date +%-S) + 15 ))
echo "waiting ${wait_s} s for the minute to come and its runs to be claimed"
sleep "$wait_s"
sql "with j as (select created_at - (extract(epoch from substring(schedule_key from ' at (.*)$')::timestamptz) * 1000)
       as queued, claimed_at - (extract(epoch from substring(schedule_key from ' at (.*)$')::timestamptz) * 1000)
       as claimed from job where schedule_key like 'definition %')
     select 'due runs: ' || count(*) || '; queued after their time (ms) p50 ' || percentile_disc(0.5) within group (order by queued)
       || ' p99 ' || percentile_disc(0.99) within group (order by queued) || ' max ' || max(queued)
       || '; claimed (ms) p50 ' || percentile_disc(0.5) within group (order by claimed) || ' p99 '
       || percentile_disc(0.99) within group (order by claimed) || ' max ' || max(claimed) from j"
kill "$agent"; wait "$agent" 2>/dev/null || true

# Claims: CLAIMS jobs for any agent (PRUNE jobs, which agents end at once as not carried out by
# them), claimed by three agent processes at once.
for a in c1 c2 c3; do coffer agent add "$a" >/dev/null; coffer agent update "$a" --set max_parallel_jobs=64 >/dev/null; done
before=$(sql "select count(*) from history where action = 'job claim'")
# The agents are started first and the jobs queued once all three poll, so that JVM starts are not
# counted: the time is from the queueing to the end of the last job.
for a in c1 c2 c3; do
  COFFER_AGENT=$a "$root/coffer" agent run 2> "$work/$a.log" &
  pids+=("$!")
done
for a in c1 c2 c3; do
  until grep -q "scheduled definition(s) loaded" "$work/$a.log"; do sleep 0.2; done
done
s=$(date +%s.%N)
sql "insert into job (type, state, created_at) select 'PRUNE', 'QUEUED', 0 from generate_series(1, $claims)"
until [ "$(sql "select count(*) from job where type = 'PRUNE' and state not in ('QUEUED', 'RUNNING')")" -ge "$claims" ]; do
  sleep 0.2
done
e=$(date +%s.%N)
echo "claims: $claims jobs claimed and ended by 3 agents in $(echo "scale=1; ($e - $s) / 1" | bc) s (from queueing to the last end);" \
  "claim batches recorded $(( $(sql "select count(*) from history where action = 'job claim'") - before )), by agent:" \
  "$(sql "select string_agg(a.name || ' ' || n, ', ') from (select claimed_by, count(*) n from job where type = 'PRUNE'
          group by claimed_by) c join agent a on a.id = c.claimed_by")," \
  "jobs claimed more than once: $(sql "select count(*) from job where type = 'PRUNE' and attempt > 1")"
