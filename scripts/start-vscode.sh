#!/usr/bin/env bash
# The second half of `npm run example`: InitLens in a real VS Code on the examples/ folder.
# Packages the extension (the vsix users would install), installs it into a throwaway code-server
# profile, opens examples/ and prints the URL; runs until Ctrl+C, then stops code-server.
# The examples are opened in place: a quick fix applied in the browser edits examples/.
#
# Env: PORT                  listen on this port (default: a free one)
#      INITLENS_EXAMPLE_FOLDER  the folder to open (default: examples/)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
HOST="bash scripts/vscode-host.sh"
# Its own state file: a test run's code-server or `npm run host:start` stays untouched
export INITLENS_HOST_STATE="$ROOT/node_modules/.cache/initlens-host/example.env"
FOLDER=$(realpath "${INITLENS_EXAMPLE_FOLDER:-examples}")

# code-server and Node 24 (about 3 minutes the first time; a version check afterwards)
$HOST install

echo "== packaging the extension"
npm run --silent package >/dev/null
VSIX="$ROOT/initlens-$(node -p 'require("./package.json").version').vsix"

# A server left by an earlier run killed without Ctrl+C
$HOST stop >/dev/null 2>&1 || true
port_args=()
[ -n "${PORT:-}" ] && port_args=(--port "$PORT")
# Ctrl+C exits, and exit runs the EXIT trap, which stops code-server (a second Ctrl+C cannot cut that short)
trap 'trap "" INT TERM; $HOST stop' EXIT
trap 'echo; exit 0' INT TERM
$HOST start --install-extension "$VSIX" "${port_args[@]}" "$FOLDER"

URL=$($HOST url "$FOLDER")
PGID=$(sed -n 's/^PGID=//p' "$INITLENS_HOST_STATE")
P=$(sed -n 's/^PORT=//p' "$INITLENS_HOST_STATE")
cat <<EOF

  InitLens is running in VS Code (code-server, VS Code 1.139) on ${FOLDER#"$ROOT"/}/:

      $URL

  Open it in a browser (from another machine: ssh -L $P:127.0.0.1:$P ... first,
  the server listens on 127.0.0.1 only). Open mlp.py: the INIT001 squiggle, its hover, the quick
  fix (Ctrl+.), the "Preview distribution" code lens. Ctrl+C stops it.

EOF
# Wait on code-server's process group, one-second sleeps so Ctrl+C is handled at once
while kill -0 -- "-$PGID" 2>/dev/null; do sleep 1; done
echo "code-server exited; its log was in the throwaway profile" >&2
exit 1
