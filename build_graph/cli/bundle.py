"""``sdgkg bundle``: describe a built folder again after files were added to it (the figures
that ``sdgkg report`` writes into ``report/``), or with the release facts of a settings file,
so that the landing page shows them and the catalogue, VoID and ZIP list them."""

from __future__ import annotations

import argparse
from pathlib import Path

from build_graph.publish.release import FIELDS

NAME = "bundle"
HELP = "rewrite the open-data bundle of a built folder (new files, or release settings)"
DESCRIPTION = (
    "Rewrite index.html, void.ttl, datapackage.json's description, the ZIP and catalog.ttl of "
    "DIR (a folder written by `sdgkg build`) from the files it holds now: figures under "
    "DIR/report/ then appear on the landing page and in the catalogue. Release facts come "
    "from the settings DIR was built with, then --settings FILE (a release.toml), then the "
    "options. --release: a release build, which must give the publisher's contact and the "
    "download base; without it the bundle says it is a local build. DIR is replaced whole "
    "once everything is written. Exit code 0: done; 2: DIR is not a built bundle, or bad "
    "settings."
)


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", type=Path, metavar="DIR", help="a folder written by sdgkg build")
    parser.add_argument(
        "--settings", type=Path, metavar="FILE", help="release settings (TOML, release.toml)"
    )
    parser.add_argument(
        "--release",
        action="store_true",
        help="a release build: the publisher's contact and the download base are required",
    )
    for field, (_, _, option, metavar, text) in FIELDS.items():
        parser.add_argument(option, dest=field, metavar=metavar, help=text)
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")


def run(args: argparse.Namespace) -> int:
    from build_graph.publish.bundle import read_settings, refresh_bundle
    from build_graph.publish.files import zip_name
    from build_graph.publish.landing import figures
    from build_graph.publish.release import merge_settings

    options = {field: getattr(args, field) for field in FIELDS}
    settings = merge_settings(read_settings(args.dir), args.settings, options, args.release)
    facts = refresh_bundle(args.dir, settings=settings)
    if not args.quiet:
        shown = figures(args.dir)
        kind = "release" if settings.release else "local build"
        print(
            f"Described {args.dir}/ again ({kind} {settings.version}, {facts.release.date}): "
            f"{len(shown)} figure(s) on index.html, {zip_name(facts)} and catalog.ttl rewritten"
        )
    return 0
