#!/usr/bin/env bash
# Writes the volume format's test data again, on purpose only: the committed files are the truth and
# every build checks this implementation against them (GoldenVolumeTest, FormatVectorsTest).
#
#   bench/golden-data.sh volumes DIR [FORMAT]   golden volumes + expected.json of volume format
#                                       FORMAT (default 1) into a new folder, e.g.
#                                       coffer-repo/src/test/resources/golden/v2 2
#   bench/golden-data.sh vectors FILE [FORMAT]  the known-answer vector file of FORMAT, e.g.
#                                       coffer-repo/src/test/resources/vectors/format-2.json 2
#
# Golden volumes of a released format are never rewritten: a new format adds a folder beside them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in
  volumes) main=io.coffer.repo.golden.GoldenVolumeWriter ;;
  vectors) main=io.coffer.repo.vectors.FormatVectorsWriter ;;
  *) echo "usage: $0 volumes DIR [FORMAT] | vectors FILE [FORMAT]" >&2; exit 2 ;;
esac
[ $# -eq 2 ] || [ $# -eq 3 ] || { echo "usage: $0 volumes DIR [FORMAT] | vectors FILE [FORMAT]" >&2; exit 2; }
target=$(realpath -m "$2")
format="${3:-1}"
classpath="$root/coffer-repo/target/golden-classpath.txt"
(cd "$root" && ./mvnw -B -q -pl coffer-repo -am test-compile dependency:build-classpath \
   -Dmdep.includeScope=test -Dmdep.outputFile="$classpath")
# Neutral host and user: key files, locks and manifests record them.
HOSTNAME=golden exec java -Duser.name=coffer \
  -cp "$root/coffer-repo/target/test-classes:$root/coffer-repo/target/classes:$(cat "$classpath")" "$main" "$target" "$format"
