"""argparse's own words (usage lines, its errors) in the reader's language.

argparse looks its texts up through the module-level ``_`` and ``ngettext`` names (gettext's,
with no catalogue shipped for them); :func:`speaking` points those at the designer's
catalogue for the duration of one command line. The English texts are argparse's, listed
here with ``N_`` so that they are extracted and translated with the rest.
"""

from __future__ import annotations

import argparse
import errno
from collections.abc import Iterator
from contextlib import contextmanager

from designer.i18n import N_, NP_, Message, language, translate

ABOUT = N_("Design, validate, dry-run and run customer journeys.")
VERSION_HELP = N_("show program's version number and exit")
LANG_HELP = N_("language of the text output (default: from LC_ALL, LC_MESSAGES or LANG); may be given anywhere "
               "on the line")

ARGPARSE: tuple[str, ...] = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
    N_("can't open '%(filename)s': %(error)s"),
)
ARGPARSE_PLURALS = (NP_("expected %s argument", "expected %s arguments"),)

# The operating system's reasons a file cannot be read or written, by errno (strerror is English).
OS_REASONS: dict[int, str] = {
    errno.ENOENT: "os.ENOENT", errno.EACCES: "os.EACCES", errno.EPERM: "os.EACCES", errno.EISDIR: "os.EISDIR",
    errno.ENOTDIR: "os.ENOTDIR", errno.ENOSPC: "os.ENOSPC", errno.EROFS: "os.EROFS", errno.EEXIST: "os.EEXIST",
}


def os_reason(err: OSError) -> Message | str:
    """Why a file operation failed, in the reader's words where the errno is a common one."""
    code = OS_REASONS.get(err.errno or -1)
    return Message(code) if code else (err.strerror or str(err))


def _ngettext(singular: str, plural: str, n: int) -> str:
    from designer.i18n import _catalogue

    return _catalogue(language()).ngettext(singular, plural, n)


@contextmanager
def speaking() -> Iterator[None]:
    """argparse reads its words from the designer's catalogue (in the current language) inside."""
    before = argparse._, argparse.ngettext
    argparse._ = lambda text: translate(text)  # the language may change inside (--lang)
    argparse.ngettext = _ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = before


def translate_help(parser: argparse.ArgumentParser) -> None:
    """Every help text and description of ``parser`` and its subcommands in the current language
    (the modules mark them with ``N_`` where they register their commands)."""
    parser.description = translate(parser.description) if parser.description else parser.description
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            action.help = translate(action.help)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = translate(choice.help) if choice.help else choice.help
            for sub in dict.fromkeys(action.choices.values()):
                translate_help(sub)
