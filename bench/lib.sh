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
mb() { echo "scale=1; $1 / 1000000" | bc; }
ratio() { echo "scale=2; $1 / $2" | bc; }

# Lets the machine settle before a timed run: a checkpoint flushes what the previous step left dirty
# (a 1 GB load leaves a checkpoint due), so that each tool pays only for its own writes.
settle() { psql -qX -d postgres -c CHECKPOINT >/dev/null; sync; }
