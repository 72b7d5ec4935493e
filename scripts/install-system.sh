#!/usr/bin/env bash
# Installs the Debian packages kroniek needs, only those missing (idempotent, safe to re-run).
# Python 3.11 with venv support; Frog (the accurate Dutch backend) with the headers the python-frog
# binding is built against (see the Makefile); chromium and its driver for the browser tests of the web UI.
set -euo pipefail

PYTHON="${PYTHON:-python3.11}"
DEB_PACKAGES=(frog frogdata ucto uctodata libfrog-dev libucto-dev libfolia-dev libticcutils-dev
              libtimbl-dev libmbt-dev chromium chromium-driver)

if ! command -v "$PYTHON" >/dev/null 2>&1 || ! "$PYTHON" -c "import venv, ensurepip" >/dev/null 2>&1; then
  DEB_PACKAGES+=(python3.11 python3.11-venv python3.11-dev)
fi

missing=()
for pkg in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
