"""The ``sdgkg`` command line. Every error on bad input is one line on stderr and exit code 2.

Each subcommand lives in its own module ``build_graph/cli/<name>.py`` exposing ``NAME``,
``HELP``, ``DESCRIPTION``, ``register(parser)`` and ``run(args) -> int``; they are found here,
so adding a command never touches this file.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from pathlib import Path
from types import ModuleType

from build_graph import __version__
from build_graph.errors import SdgkgError

_NOT_COMMANDS = {"main", "__main__"}
ORDER = ["extract", "build", "query", "serve", "publish", "report", "bundle", "publish-ckan"]


def _commands() -> list[ModuleType]:
    package = Path(__file__).parent
    modules = [
        importlib.import_module(f"{__package__}.{info.name}")
        for info in pkgutil.iter_modules([str(package)])
        if info.name not in _NOT_COMMANDS
    ]
    rank = {name: index for index, name in enumerate(ORDER)}
    return sorted(modules, key=lambda m: (rank.get(m.NAME, len(ORDER)), m.NAME))


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, ModuleType]]:
    parser = argparse.ArgumentParser(
        prog="sdgkg",
        description="Viet Nam's SDG action plans as a knowledge graph of agencies, targets and "
        "tasks.",
    )
    parser.add_argument("--version", action="version", version=f"sdgkg {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    handlers: dict[str, ModuleType] = {}
    for module in _commands():
        sub = subparsers.add_parser(module.NAME, help=module.HELP, description=module.DESCRIPTION)
        module.register(sub)
        handlers[module.NAME] = module
    return parser, handlers


def main(argv: list[str] | None = None) -> int:
    parser, handlers = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(handlers[args.command].run(args))
    except SdgkgError as exc:
        print(f"sdgkg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        name = exc.filename or ""
        print(f"sdgkg: error: {name}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("sdgkg: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: still one line, with the traceback on request
        if os.environ.get("SDGKG_DEBUG"):
            raise
        print(
            f"sdgkg: internal error: {type(exc).__name__}: {exc} "
            "(set SDGKG_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return 70


if __name__ == "__main__":
    sys.exit(main())
