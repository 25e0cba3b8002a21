#!/usr/bin/env bash
# Installs what the CKAN tests run, when it is missing, so that `sdgkg publish-ckan` is proved
# against a real CKAN rather than a fake:
#
# * PostgreSQL and Redis from Debian (packages postgresql, redis-server). Their packaged
#   services stay off: the tests start private instances on loopback and free ports.
# * CKAN 2.11 with ckanext-scheming and ckanext-dcat, from PyPI, in a virtual environment of
#   their own (CKAN pins Flask, SQLAlchemy and more, which must not meet the project's .venv):
#   $SDGKG_CKAN_HOME/venv, by default ~/.cache/sdgkg/ckan/venv.
#
# Solr is in no package source this project reaches; the tests stand in for it with a small
# HTTP service (tests/publish/ckan_server.py says what it does and does not do).
#
# Idempotent: a marker file records the versions installed, and nothing is done when they are
# the ones asked for. The Debian part needs root (or sudo). About 1.5 minutes the first time.
set -euo pipefail
# shellcheck source=scripts/apt-packages.sh
source "$(dirname "$0")/apt-packages.sh"

CKAN_HOME="${SDGKG_CKAN_HOME:-$HOME/.cache/sdgkg/ckan}"
PYTHON="${PYTHON:-python3}"
# The versions the tests were written against (CKAN 2.11 is the current stable line). CKAN's
# wheel declares its pinned dependencies as the extra "requirements"; psycopg2 among them is
# built from source (gcc and libpq-dev, which the Debian step installs when missing).
CKAN_REQUIREMENTS=("ckan[requirements]>=2.11.4,<2.12" "ckanext-scheming>=3.1,<3.2" "ckanext-dcat>=2.4.4,<2.5")
MARKER="$CKAN_HOME/venv/.sdgkg-installed"

have_debian_parts() {
  command -v redis-server >/dev/null 2>&1 && command -v pg_config >/dev/null 2>&1 &&
    command -v gcc >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}

start=$(date +%s)
if ! have_debian_parts; then
  apt_install ensure-ckan postgresql redis-server libpq-dev gcc python3-dev
  services_off postgresql redis-server
  have_debian_parts || { echo "ensure-ckan: PostgreSQL or Redis still missing" >&2; exit 1; }
fi

wanted="${CKAN_REQUIREMENTS[*]}"
if [ -x "$CKAN_HOME/venv/bin/ckan" ] && [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$wanted" ]; then
  version=$("$CKAN_HOME/venv/bin/python" -c 'import ckan; print(ckan.__version__)')
  echo "ensure-ckan: CKAN $version with scheming and dcat is installed in $CKAN_HOME/venv"
  exit 0
fi

mkdir -p "$CKAN_HOME"
rm -rf "$CKAN_HOME/venv"
"$PYTHON" -m venv "$CKAN_HOME/venv"
"$CKAN_HOME/venv/bin/python" -m pip install --quiet --upgrade pip
"$CKAN_HOME/venv/bin/python" -m pip install --quiet "${CKAN_REQUIREMENTS[@]}"
"$CKAN_HOME/venv/bin/python" -c "import ckan.config.middleware, ckanext.dcat.processors, ckanext.scheming.plugins"
printf '%s' "$wanted" >"$MARKER"
version=$("$CKAN_HOME/venv/bin/python" -c 'import ckan; print(ckan.__version__)')
echo "ensure-ckan: installed CKAN $version with scheming and dcat into $CKAN_HOME/venv in $(( $(date +%s) - start )) s"
