"""The real CKAN portal the publishing tests share (one per session: ~15 s to start)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.publish.ckan_server import CkanServer, missing


@pytest.fixture(scope="session")
def ckan_portal() -> Iterator[CkanServer]:
    """CKAN 2.11 with ckanext-scheming and ckanext-dcat (DCAT-AP 3), PostgreSQL and Redis, on
    loopback; Solr is stood in for (see ckan_server.py). Skipped where scripts/ensure-ckan.sh
    has not installed it, unless SDGKG_REQUIRE_CKAN=1 (``make test``), which fails instead."""
    why = missing()
    if why:
        if os.environ.get("SDGKG_REQUIRE_CKAN") == "1":
            pytest.fail(why)
        pytest.skip(why)
    server = CkanServer()
    try:
        yield server.start()
    finally:
        server.stop()
