"""The ``journey`` command line: what the app does, headless.

Conventions, for every command: ``--json`` on anything that lists or reports;
exit status 0 fine, 1 problems found, 2 bad input or usage with a one-line
reason on stderr. Never a traceback for a user's mistake.

Each command group lives in its own module with a ``register(subparsers)``
function; add new groups to ``GROUPS``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from designer import __version__

from .common import EXIT_USAGE, UsageError, fail

GROUPS = ("designer.cli.core", "designer.cli.plan", "designer.cli.dryrun", "designer.cli.runtime", "designer.cli.diff")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line on stderr, exit 2, no usage dump
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="journey", description="Design, validate, dry-run and run customer journeys.")
    parser.add_argument("--version", action="version", version=f"journey {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    import importlib

    for name in GROUPS:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        return int(args.func(args) or 0)
    except UsageError as err:
        return fail(str(err))
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except BrokenPipeError:  # e.g. `journey schema | head`
        return 0
    except OSError as err:  # a file the user named cannot be read or written
        where = f"{err.filename}: " if err.filename else ""
        return fail(f"{where}{err.strerror or err}")


def run() -> None:
    sys.exit(main())
