#!/usr/bin/env bash
# The project's test command. The tests use the machine's real PostgreSQL (127.0.0.1:5432) and
# MariaDB (127.0.0.1:3306); this starts either one if it is down, then builds and runs every test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

wait_for() { # NAME CHECK...
  local name=$1; shift
  for _ in $(seq 60); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "test.sh: $name did not come up within 60 s" >&2
  return 1
}

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432; }
if ! pg_up; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "test.sh: starting PostgreSQL $version" >&2
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  wait_for PostgreSQL pg_up
fi

maria_up() { mariadb-admin -h 127.0.0.1 -P 3306 -u root ping; }
if ! maria_up >/dev/null 2>&1; then
  echo "test.sh: starting MariaDB" >&2
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  wait_for MariaDB maria_up
fi

# FILES backups: getfattr/setfattr (attr) and getfacl/setfacl (acl) carry extended attributes and
# ACLs; the btrfs quiesce tests make a btrfs filesystem on a loop device (btrfs-progs). The console's
# browser tests drive Debian's headless chromium through chromedriver. PHYSICAL backups of MariaDB
# run mariadb-backup (and mbstream) of Debian's mariadb-backup package.
missing=()
for tool in getfattr:attr setfacl:acl mkfs.btrfs:btrfs-progs chromium:chromium chromedriver:chromium-driver \
    mariadb-backup:mariadb-backup; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool##*:}")
done
# Volume keys are derived by libargon2 where it is present (NativeArgon2Test insists on it here).
ldconfig -p 2>/dev/null | grep -q 'libargon2\.so\.1 ' || missing+=(libargon2-1)
# Volumes are sealed by OpenSSL's libcrypto where it is present (OpenSslGcmTest insists on it here).
ldconfig -p 2>/dev/null | grep -q 'libcrypto\.so\.3 ' || missing+=(libssl3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Full runs on one machine take turns: they share the real PostgreSQL and MariaDB and the tests with
# leases and timeouts mean something only when the run is not starved of CPU by a second one. A run
# waits at most an hour for the one before it, then goes ahead anyway.
if command -v flock >/dev/null; then
  exec 9>"${TMPDIR:-/tmp}/coffer-test.lock"
  flock -w 3600 9 || echo "test.sh: another test run still holds the lock after an hour; going ahead" >&2
fi

# Arguments go to Maven, e.g. -Dcoffer.test.seed=N to replay the random draws of an earlier run.
exec ./mvnw -B verify "$@"
