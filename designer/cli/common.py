"""Helpers every command group shares: exit codes, errors, output."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from designer.blueprint import Blueprint

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input or usage: reported as one line on stderr, exit status 2."""


def fail(message: str, status: int = EXIT_USAGE) -> int:
    print(f"journey: error: {' '.join(str(message).split())}", file=sys.stderr)
    return status


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
        raise UsageError(f"{out} already exists (use --force to overwrite)")
    if not out.parent.exists():
        raise UsageError(f"folder {out.parent} does not exist")
    return out
