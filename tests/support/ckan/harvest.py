"""ckanext-dcat's RDFParser on a catalogue, as the portal's harvester would run it (its
profiles, its schema, its licence register); runs in CKAN's virtual environment.

    python harvest.py INI FILE     prints the data sets found, as a JSON list
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def harvest(ini: str, path: Path) -> list[dict]:
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    app = make_app(load_config(ini))
    with app._wsgi_app.test_request_context():  # type: ignore[attr-defined]
        from ckanext.dcat.processors import RDFParser

        parser = RDFParser()  # the profiles of ckanext.dcat.rdf.profiles
        parser.parse(path.read_text(encoding="utf-8"), _format="turtle")
        return list(parser.datasets())


if __name__ == "__main__":
    print(json.dumps(harvest(sys.argv[1], Path(sys.argv[2])), ensure_ascii=False, default=str))
