"""``sdgkg publish-ckan``: put a built bundle on a CKAN portal (or print what would be sent)."""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path

from build_graph.errors import SdgkgError

NAME = "publish-ckan"
HELP = "create or update the data set and its resources on a CKAN site from a built bundle"
DESCRIPTION = (
    "Make the CKAN data set of the bundle that `sdgkg build` wrote into DIST (from its "
    "catalog.ttl), with every file as a resource inline, and create it on the CKAN site at URL "
    "or bring it up to date there, in one call (ckanapi): a run that fails leaves the data set "
    "as it was, a run with nothing new sends nothing, and resource ids stay the same. Fields: "
    "ckanext-dcat's DCAT-AP 3 scheming schema, with the titles and descriptions in Vietnamese "
    "and English (--layout extras: CKAN's core fields and legacy DCAT extras, for a portal "
    "without ckanext-scheming). The API token is read from an environment variable, never "
    "from the command line, and is never printed. --dry-run prints the data set as JSON and "
    "sends nothing. Exit code 0: created, updated or unchanged; 2: bad input or the site "
    "refused."
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
        "--layout",
        choices=["scheming", "extras"],
        default="scheming",
        help="scheming: ckanext-dcat's DCAT-AP 3 schema fields (default); extras: core fields "
        "and legacy DCAT extras, for a portal without ckanext-scheming",
    )
    parser.add_argument(
        "--upload",
        action="store_true",
        help="upload the files to CKAN instead of linking their download URLs",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print the data set as JSON, send nothing"
    )


def run(args: argparse.Namespace) -> int:
    from build_graph.publish.ckan import publish_ckan
    from build_graph.publish.ckan_payload import dataset_payload

    if not re.match(r"^https?://[^\s/]+", args.url):
        raise SdgkgError(f"--url {args.url!r} is not an http(s) URL")
    if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", args.api_key_env):
        raise SdgkgError(f"--api-key-env {args.api_key_env!r} is not a variable name")
    payload = dataset_payload(args.dist, owner_org=args.org, name=args.name, layout=args.layout)
    if args.dry_run:
        document = {"ckan": args.url, "package": payload, "upload": args.upload}
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    api_key = os.environ.get(args.api_key_env, "").strip()
    if not api_key:
        raise SdgkgError(
            f"the environment variable {args.api_key_env} is empty: set it to your CKAN API "
            "token (or use --dry-run)"
        )
    done = publish_ckan(args.url, api_key, payload, args.dist, upload=args.upload)
    name = done.package.get("name", payload["name"])
    uploaded = f", {done.uploaded} file(s) uploaded" if done.uploaded else ""
    print(
        f"{done.action.capitalize()}: data set {name} with {len(done.package['resources'])} "
        f"resources{uploaded} on {args.url.rstrip('/')}/dataset/{name}"
    )
    return 0
