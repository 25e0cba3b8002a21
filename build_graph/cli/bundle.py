"""``sdgkg bundle``: describe a built folder again after files were added to it (the figures
that ``sdgkg report`` writes into ``report/``), so that the landing page shows them and the
catalogue, VoID and ZIP list them."""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "bundle"
HELP = "rewrite the open-data bundle of a built folder (after `sdgkg report` added figures)"
DESCRIPTION = (
    "Rewrite index.html, void.ttl, the ZIP and catalog.ttl of DIR (a folder written by "
    "`sdgkg build`) from the files it holds now, with the settings it was built with (kept in "
    "its datapackage.json): figures under DIR/report/ then appear on the landing page and in "
    "the catalogue. DIR is replaced whole once everything is written. Exit code 0: done; 2: "
    "DIR is not a built bundle."
)


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", type=Path, metavar="DIR", help="a folder written by sdgkg build")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")


def run(args: argparse.Namespace) -> int:
    from build_graph.publish.bundle import refresh_bundle
    from build_graph.publish.files import zip_name
    from build_graph.publish.landing import figures

    facts = refresh_bundle(args.dir)
    if not args.quiet:
        shown = figures(args.dir)
        print(
            f"Described {args.dir}/ again: {len(shown)} figure(s) on index.html, "
            f"{zip_name(facts)} and catalog.ttl rewritten"
        )
    return 0
