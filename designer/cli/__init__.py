"""The ``journey`` command line: what the app does, headless.

Conventions, for every command: ``--json`` on anything that lists or reports;
exit status 0 fine, 1 problems found, 2 bad input or usage with a one-line
reason on stderr. Never a traceback for a user's mistake.

Adding a command (start-up stays fast: each command loads only its own modules):

1. Write a module here with ``register(subparsers)``, which adds the module's
   commands with ``subparsers.add_parser(...)``, and a ``cmd_...(args)`` per
   command. Import what a command needs *inside* its ``cmd_...`` function (or
   keep the module's top-level imports light): ``register`` runs whenever the
   command line is parsed for one of the module's commands.
2. Add each command name to ``COMMANDS`` with the module that registers it.

``journey COMMAND ...`` imports only COMMAND's module; ``journey --help`` (or an
unknown command) imports every module, so help texts live once, in ``register``. ``main.py`` routes to the CLI by looking names up in
``COMMANDS``, without importing any of them. tests/test_startup.py checks that
the heavy libraries stay out of start-up.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from designer import __version__

from .common import EXIT_USAGE, UsageError, fail, say

# command name -> the module that registers it
COMMANDS: dict[str, str] = {
    "validate": "designer.cli.core",
    "schema": "designer.cli.core",
    "new": "designer.cli.core",
    "format": "designer.cli.core",
    "export": "designer.cli.core",
    "kinds": "designer.cli.core",
    "plan": "designer.cli.plan",
    "dry-run": "designer.cli.dryrun",
    "test": "designer.cli.dryrun",
    "calibrate": "designer.cli.calibrate",
    "backtest": "designer.cli.backtest",
    "contacts": "designer.cli.runtime",
    "event": "designer.cli.runtime",
    "run": "designer.cli.runtime",
    "status": "designer.cli.runtime",
    "outbox": "designer.cli.runtime",
    "trace": "designer.cli.runtime",
    "diff": "designer.cli.diff",
    "merge": "designer.cli.diff",
    "outline": "designer.cli.diff",
    "git-setup": "designer.cli.diff",
    "templates": "designer.cli.templates",
    "runbook": "designer.cli.templates",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line on stderr, exit 2, no usage dump
        raise UsageError(say("cli.see-help", reason=message, prog=self.prog))


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser with ``command``'s module registered; every module when ``command`` is None
    or unknown (for ``--help`` and the error naming the known commands)."""
    from designer.i18n import translate

    from .argparse_words import ABOUT, LANG_HELP, VERSION_HELP

    parser = _Parser(prog="journey", description=translate(ABOUT))
    parser.add_argument("--version", action="version", version=f"journey {__version__}", help=translate(VERSION_HELP))
    parser.add_argument("--lang", choices=["en", "zh"], help=translate(LANG_HELP))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    if command in COMMANDS:
        modules = [COMMANDS[command]]
    else:
        modules = list(dict.fromkeys(COMMANDS.values()))
    for name in modules:
        importlib.import_module(name).register(sub)
    from designer.i18n import language

    if language() != "en":
        from .argparse_words import translate_help

        translate_help(parser)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The command word: the first argument that is not an option."""
    return next((a for a in argv if not a.startswith("-")), None)


# commands whose own --lang also picks the language of their content (templates): left in place for them
_OWN_LANG = {"templates", "runbook", "new"}


def _take_language(argv: list[str]) -> str | None:
    """Removes ``--lang X`` / ``--lang=X`` from anywhere in ``argv`` (a global option that may
    follow the command; kept for the commands in _OWN_LANG); returns X."""
    keep = _command(argv) in _OWN_LANG
    lang = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            break
        if arg == "--lang":
            if i + 1 >= len(argv):
                raise UsageError(say("cli.lang-missing"))
            lang = argv[i + 1]
            if keep:
                i += 2
            else:
                del argv[i:i + 2]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
            if keep:
                i += 1
            else:
                del argv[i]
        else:
            i += 1
    if lang is not None and lang not in ("en", "zh", "zh_CN", "zh-CN"):
        raise UsageError(say("cli.lang-invalid", lang=lang))
    return lang


def main(argv: Sequence[str] | None = None) -> int:
    from designer.i18n import from_environment, language, set_language

    argv = list(sys.argv[1:] if argv is None else argv)
    from .argparse_words import speaking

    before = language()
    try:
        with speaking():  # argparse's own words (usage, errors) in the reader's language
            return _main(argv, from_environment, set_language)
    finally:
        set_language(before)  # main() may run in-process (tests, main.py)


def _main(argv: list[str], from_environment, set_language) -> int:
    try:
        lang = _take_language(argv)
        set_language(lang or from_environment())
        parser = build_parser(_command(argv))
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        return int(args.func(args) or 0)
    except UsageError as err:
        return fail(str(err))
    except KeyboardInterrupt:
        return fail(say("cli.interrupted"), 130)
    except BrokenPipeError:  # e.g. `journey schema | head`
        return 0
    except OSError as err:  # a file the user named cannot be read or written
        from .argparse_words import os_reason

        reason = os_reason(err)
        return fail(say("cli.os-error", file=str(err.filename), reason=reason) if err.filename else reason)


def run() -> None:
    sys.exit(main())
