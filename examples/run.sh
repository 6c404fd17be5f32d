#!/usr/bin/env bash
# The main job: `initlens check` on this example workspace, then the numbers behind one finding.
# check exits 1 because these examples have problems on purpose; 2 or more would be a real failure.
set -uo pipefail
here="$(dirname "$0")"
cli="node $here/../dist/cli.js"
echo "== initlens check examples/"
$cli check "$here"
status=$?
if [ "$status" -gt 1 ]; then exit "$status"; fi
echo
bash "$here/describe.sh"
