"""``sdgkg publish-ckan``: put a built bundle on a CKAN portal (or print what would be sent)."""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path

from build_graph.errors import SdgkgError

NAME = "publish-ckan"
HELP = "create the data set and its resources on a CKAN site from a built bundle"
DESCRIPTION = (
    "Build the CKAN package_create payload and one resource_create payload per file from the "
    "bundle that `sdgkg build` wrote into DIST (its catalog.ttl), and send them to the CKAN "
    "site at URL with ckanapi. The API token is read from an environment variable, never from "
    "the command line, and is never printed. --dry-run prints the payloads as JSON and sends "
    "nothing. Exit code 0: created; 2: bad input or the site refused."
)
DEFAULT_KEY_ENV = "CKAN_API_KEY"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", required=True, metavar="URL", help="the CKAN site")
    parser.add_argument(
        "--dist",
        type=Path,
        default=Path("dist"),
        metavar="DIR",
        help="the folder written by `sdgkg build` (default: dist)",
    )
    parser.add_argument(
        "--api-key-env",
        default=DEFAULT_KEY_ENV,
        metavar="NAME",
        help=f"environment variable holding the API token (default: {DEFAULT_KEY_ENV})",
    )
    parser.add_argument(
        "--org", metavar="NAME", help="owner organisation (id or name) on the CKAN site"
    )
    parser.add_argument(
        "--name", metavar="NAME", help="the data set's CKAN name (default: its identifier)"
    )
    parser.add_argument(
        "--upload",
        action="store_true",
        help="upload the files to CKAN instead of linking their download URLs",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print the payloads as JSON, send nothing"
    )


def run(args: argparse.Namespace) -> int:
    from build_graph.publish.ckan import package_payload, publish_ckan, resource_payloads

    if not re.match(r"^https?://[^\s/]+", args.url):
        raise SdgkgError(f"--url {args.url!r} is not an http(s) URL")
    if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", args.api_key_env):
        raise SdgkgError(f"--api-key-env {args.api_key_env!r} is not a variable name")
    package = package_payload(args.dist, owner_org=args.org, name=args.name)
    resources = resource_payloads(args.dist)
    if args.dry_run:
        document = {
            "ckan": args.url,
            "package_create": package,
            "resource_create": resources,
            "upload": args.upload,
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    api_key = os.environ.get(args.api_key_env, "").strip()
    if not api_key:
        raise SdgkgError(
            f"the environment variable {args.api_key_env} is empty: set it to your CKAN API "
            "token (or use --dry-run)"
        )
    created = publish_ckan(args.url, api_key, package, resources, args.dist, upload=args.upload)
    print(
        f"Created data set {created.get('name', package['name'])} with "
        f"{len(created['resources'])} resources on {args.url.rstrip('/')}/dataset/"
        f"{created.get('name', package['name'])}"
    )
    return 0
