#!/usr/bin/env bash
# Installs the system packages the oracle tests and the benchmark compare against:
# real PyTorch (Debian's python3-torch, for /usr/bin/python3) and numpy.
set -euo pipefail
if /usr/bin/python3 -c 'import torch, numpy' 2>/dev/null; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends python3-torch python3-numpy
/usr/bin/python3 -c 'import torch; print("torch", torch.__version__)'
