#!/usr/bin/env bash
# Installs LibreOffice Writer (Debian package libreoffice-writer-nogui) when it is missing: the
# tests convert DOC files through it and make PDF inputs from DOCX with it, as a user who reads
# a .doc plan would (sdgkg converts DOC/ODT/RTF with LibreOffice when it is installed).
#
# Idempotent; needs root (or sudo) on Debian. About 1.5 minutes the first time.
set -euo pipefail

if command -v soffice >/dev/null 2>&1; then
  echo "ensure-libreoffice: $(soffice --version 2>/dev/null | head -n 1 || echo LibreOffice) is installed"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "ensure-libreoffice: LibreOffice is missing and installing it needs root (apt-get install libreoffice-writer-nogui)" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-libreoffice: LibreOffice is missing and this is not a Debian system (no apt-get)" >&2
  exit 1
fi
start=$(date +%s)
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  libreoffice-writer-nogui >/dev/null
command -v soffice >/dev/null 2>&1 || { echo "ensure-libreoffice: soffice still missing" >&2; exit 1; }
echo "ensure-libreoffice: installed LibreOffice in $(( $(date +%s) - start )) s"
