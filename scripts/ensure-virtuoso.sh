#!/usr/bin/env bash
# Installs Virtuoso Open Source (Debian package virtuoso-opensource) when it is missing, so
# that the test suite can prove the SPARQL client against a second, different real store.
#
# Idempotent: does nothing when virtuoso-t and isql-vt are already there. Run as root (or with
# sudo available) on Debian. The tests never use the system service: they start a private
# instance, on loopback and free ports, from a minimal ini of their own. So this script makes
# sure the packaged service does not start on install (it would listen on every interface)
# and stays disabled.
set -euo pipefail

have_virtuoso() {
  command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1
}

if have_virtuoso; then
  version=$(virtuoso-t -? 2>&1 | grep -o 'Version [0-9.]*' | head -n 1 || true)
  echo "ensure-virtuoso: Virtuoso ${version:-(unknown version)} is installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "ensure-virtuoso: Virtuoso is missing and installing it needs root (apt-get install virtuoso-opensource)" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-virtuoso: Virtuoso is missing and this is not a Debian system (no apt-get)" >&2
  exit 1
fi

# Keep the packaged service from starting during the install: a policy-rc.d that says 101
# ("action forbidden"), put in place only for the install and only if none exists.
policy=/usr/sbin/policy-rc.d
added_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod 755 "$policy"
  added_policy=1
fi
cleanup() {
  if [ "$added_policy" -eq 1 ]; then $SUDO rm -f "$policy"; fi
}
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
start=$(date +%s)
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  virtuoso-opensource >/dev/null

# The package's own service stays off; the tests run private instances.
for name in virtuoso-opensource-7 virtuoso-opensource; do
  if [ -e "/etc/init.d/$name" ]; then
    $SUDO /etc/init.d/"$name" stop >/dev/null 2>&1 || true
    if command -v update-rc.d >/dev/null 2>&1; then
      $SUDO update-rc.d "$name" disable >/dev/null 2>&1 || true
    fi
  fi
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    $SUDO systemctl disable --now "$name" >/dev/null 2>&1 || true
  fi
done

if ! have_virtuoso; then
  echo "ensure-virtuoso: apt-get installed virtuoso-opensource but virtuoso-t or isql-vt is missing" >&2
  exit 1
fi
echo "ensure-virtuoso: installed Virtuoso in $(( $(date +%s) - start )) s"
