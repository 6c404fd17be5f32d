#!/usr/bin/env bash
# Installs what the tests need beyond `npm ci`, skipping whatever is already there:
# - real PyTorch and numpy for /usr/bin/python3 (Debian's python3-torch, python3-numpy): the
#   oracle tests and the benchmark compare against them;
# - Debian's chromium (the browser playwright-core drives) and libkrb5-dev + build-essential
#   (code-server's postinstall compiles native modules);
# - the VS Code host (node@24, code-server, playwright-core) via scripts/vscode-host.sh install.
# apt-get update runs once, and only when a package is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
/usr/bin/python3 -c 'import torch, numpy' 2>/dev/null || missing+=(python3-torch python3-numpy)
for p in chromium libkrb5-dev build-essential; do installed "$p" || missing+=("$p"); done

if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  echo "apt: installing ${missing[*]}"
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}"
  /usr/bin/python3 -c 'import torch; print("torch", torch.__version__)'
fi
export INITLENS_APT_UPDATED=1   # vscode-host.sh need not update again

bash scripts/vscode-host.sh install
