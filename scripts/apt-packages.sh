#!/usr/bin/env bash
# Sourced by scripts/ensure-ckan.sh and scripts/ensure-chromium.sh: install Debian packages,
# as root or through sudo, with their packaged services kept from starting (the tests start
# private instances of their own, on loopback).
#
#   apt_install WHO PACKAGE...     WHO names the caller in messages
#   services_off NAME...           stop and disable packaged services that an install left on

apt_install() {
  local who="$1"
  shift
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo="sudo"
    else
      echo "$who: installing $* needs root (apt-get install $*)" >&2
      exit 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$who: $* missing and this is not a Debian system (no apt-get)" >&2
    exit 1
  fi
  # policy-rc.d saying 101 ("action forbidden") keeps services from starting during the
  # install; put in place only for the install and only if none exists.
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod 755 "$policy"
    added_policy=1
  fi
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
    >/dev/null
  if [ "$added_policy" -eq 1 ]; then $sudo rm -f "$policy"; fi
}

services_off() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  for name in "$@"; do
    if [ -e "/etc/init.d/$name" ]; then
      $sudo /etc/init.d/"$name" stop >/dev/null 2>&1 || true
      if command -v update-rc.d >/dev/null 2>&1; then
        $sudo update-rc.d "$name" disable >/dev/null 2>&1 || true
      fi
    fi
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
      $sudo systemctl disable --now "$name" >/dev/null 2>&1 || true
    fi
  done
}
