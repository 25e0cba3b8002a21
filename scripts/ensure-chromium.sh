#!/usr/bin/env bash
# Installs Chromium (Debian package chromium) when it is missing: the landing-page tests open
# index.html in headless Chromium, as a portal user's browser would, read the page it renders
# (--dump-dom) and take a screenshot.
#
# Idempotent; needs root (or sudo) on Debian. About a minute the first time.
set -euo pipefail
# shellcheck source=scripts/apt-packages.sh
source "$(dirname "$0")/apt-packages.sh"

if command -v chromium >/dev/null 2>&1; then
  echo "ensure-chromium: $(chromium --version 2>/dev/null | head -n 1 || echo Chromium) is installed"
  exit 0
fi
start=$(date +%s)
apt_install ensure-chromium chromium fonts-dejavu-core
command -v chromium >/dev/null 2>&1 || { echo "ensure-chromium: chromium still missing" >&2; exit 1; }
echo "ensure-chromium: installed $(chromium --version 2>/dev/null | head -n 1) in $(( $(date +%s) - start )) s"
