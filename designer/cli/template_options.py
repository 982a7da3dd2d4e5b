"""Options shared by ``journey new`` (core.py) and the template commands (templates.py), kept apart
so that registering ``new`` does not load the template library."""

from __future__ import annotations

import argparse

from designer.i18n import N_

DIR_HELP = N_("also read templates from this folder (e.g. the designer's user template folder)")


def add_new_arguments(p: argparse.ArgumentParser) -> None:
    """``journey new``'s template options (the command itself lives in core.py)."""
    p.add_argument("--template", metavar="NAME", help=N_("start from this SOP template (see 'journey templates list')"))
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help=N_("a template parameter"))
    p.add_argument("--lang", default="en", help=N_("language of the template's words: en or zh (default en)"))
    p.add_argument("--dir", help=DIR_HELP)
