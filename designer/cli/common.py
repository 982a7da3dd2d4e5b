"""Helpers every command group shares: exit codes, errors, output."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from designer.i18n import Message, render

if TYPE_CHECKING:
    from designer.blueprint import Blueprint

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input or usage: reported as one line on stderr, exit status 2. The reason is a
    :class:`~designer.i18n.Message` (read in the reader's language) or text from elsewhere."""


def say(code: str, **params: Any) -> Message:
    """A message of the command line's catalogue (designer/i18n/messages_cli.py)."""
    return Message(code, params)


def fail(message: str | Message, status: int = EXIT_USAGE) -> int:
    reason = " ".join(render(message).split())
    print(render(Message("cli.error", {"reason": reason})), file=sys.stderr)
    return status


def warn(message: str | Message) -> None:
    print(render(Message("cli.warning", {"reason": render(message)})), file=sys.stderr)


def load_blueprint(path: str) -> Blueprint:
    from designer.fileformat import FileFormatError, load  # not at start-up: see designer/cli/__init__.py

    try:
        return load(path)
    except FileFormatError as err:
        raise UsageError(err.describe()) from None


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def output_path(path: str, force: bool) -> Path:
    out = Path(path)
    if out.exists() and not force:
        raise UsageError(say("cli.exists", path=str(out)))
    if not out.parent.exists():
        raise UsageError(say("cli.no-folder", folder=str(out.parent)))
    return out


def no_workflow(workflow_id: str, where: str, known) -> Message:
    """'no workflow X in FILE (workflows: a, b)'."""
    return say("cli.no-workflow", workflow=workflow_id, file=where, known=", ".join(known) or say("cli.none"))
