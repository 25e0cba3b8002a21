"""Release facts from one settings file (``release.toml``) and the command line: version,
release date, publisher (name, IRI, type, contact e-mail), download base and SPARQL endpoint.

A release build (``--release``) must name who to ask and where the files are served: a missing
publisher contact or download base is an error. Without ``--release`` the defaults stand in
and the bundle says it is a local build (landing page, catalogue); defaults are never passed
off as release facts.

    [release]
    version = "0.1.0"
    date = "2026-12-06"
    download_base = "https://w3id.org/sdgkg/download/"
    sparql_endpoint = "https://query.example.org/sparql"   # optional

    [publisher]
    name = "sdgkg contributors"
    iri = "https://w3id.org/sdgkg/agent/publisher"
    type = "http://purl.org/adms/publishertype/NonProfitOrganisation"
    email = "data@example.org"

    [source]                                      # optional: shown on the landing page
    decision_url = "https://…"                    # the decision's official text
    page = "https://…"                            # the page the text was read from
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import replace
from pathlib import Path

from build_graph.errors import SdgkgError
from build_graph.publish.facts import (
    BundleSettings,
    check_email,
    check_http_url,
    default_download_base,
)

# settings field → (table, key in the file, option on the command line, metavar, help)
FIELDS = {
    "version": ("release", "version", "--version", "V", "the data set's version"),
    "release_date": ("release", "date", "--release-date", "YYYY-MM-DD", "the release date"),
    "download_base": ("release", "download_base", "--download-base", "URL", "where the files are"),
    "sparql_endpoint": (
        "release",
        "sparql_endpoint",
        "--sparql-endpoint",
        "URL",
        "a SPARQL endpoint serving the graph",
    ),
    "publisher": ("publisher", "name", "--publisher", "NAME", "the publisher's name"),
    "publisher_iri": ("publisher", "iri", "--publisher-iri", "IRI", "the publisher's IRI"),
    "publisher_type": ("publisher", "type", "--publisher-type", "IRI", "an ADMS publisher type"),
    "contact_email": ("publisher", "email", "--contact-email", "ADDRESS", "the contact's e-mail"),
    "decision_url": (
        "source",
        "decision_url",
        "--decision-url",
        "URL",
        "the official text of the plan's decision",
    ),
    "source_page": ("source", "page", "--source-page", "URL", "the page the text was read from"),
}
ADMS_PUBLISHER_TYPE = "http://purl.org/adms/publishertype/"
URL_FIELDS = {
    "download_base",
    "sparql_endpoint",
    "publisher_iri",
    "publisher_type",
    "decision_url",
    "source_page",
}


def read_release_file(path: Path) -> dict[str, str]:
    """The settings a file gives (settings field → value), checked; unknown keys refused."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SdgkgError(f"{path}: cannot read the release settings ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise SdgkgError(f"{path}: not a TOML file ({exc})") from None
    known = {(field[0], field[1]): name for name, field in FIELDS.items()}
    found: dict[str, str] = {}
    for table, values in document.items():
        if not isinstance(values, dict):
            raise SdgkgError(f"{path}: {table!r} is not a [table] of settings")
        for key, value in values.items():
            name = known.get((table, key))
            if name is None:
                raise SdgkgError(f"{path}: unknown setting {table}.{key}")
            if not isinstance(value, str):
                raise SdgkgError(f"{path}: {table}.{key} must be a string")
            if value.strip():
                found[name] = value.strip()
    return found


def merge_settings(
    stored: BundleSettings,
    file: Path | None,
    options: dict[str, str | None],
    release: bool,
) -> BundleSettings:
    """``stored`` (what the folder was built with), then the file, then the options given;
    checked, and for a release build the publisher contact and download base required."""
    given = read_release_file(file) if file is not None else {}
    given |= {name: value.strip() for name, value in options.items() if value}
    for name, value in given.items():
        check_setting(name, value)
    settings = replace(stored, **given, release=release)
    if release:
        built_with = {
            "contact_email": bool(stored.contact_email),
            "download_base": stored.download_base != default_download_base(stored.base),
        }
        absent = [
            FIELDS[name][2] for name, had in built_with.items() if name not in given and not had
        ]
        if absent:
            where = f" (in {file} or as options)" if file else ""
            raise SdgkgError(f"--release needs {' and '.join(absent)}{where}")
    return settings


def check_setting(name: str, value: str) -> None:
    option = FIELDS[name][2]
    if name in URL_FIELDS:
        check_http_url(option, value)
    if name == "contact_email":
        check_email(value)
    if name == "publisher_type" and not value.startswith(ADMS_PUBLISHER_TYPE):
        raise SdgkgError(
            f"{option} {value!r} is not an ADMS publisher type ({ADMS_PUBLISHER_TYPE}…)"
        )
    if name == "release_date":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise SdgkgError(f"{option} {value!r} is not a date (YYYY-MM-DD)") from None
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            raise SdgkgError(f"{option} {value!r} is not a date (YYYY-MM-DD)")
    if name == "version" and not re.match(r"^[\w.+-]{1,100}$", value):
        raise SdgkgError(f"{option} {value!r} is not a version (letters, digits, . + - _)")
