"""Writing CSV that is safe to open in a spreadsheet: the one helper every CSV writer uses.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is read as a formula by Excel, LibreOffice and Google Sheets
(``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``). Following the OWASP rule, such a
cell is written with a leading apostrophe, which spreadsheets show as text and
do not display. Numbers (ints and floats, also negative) are written as they
are. Our CSV reader (designer/runtime/csv_rows.py) removes the apostrophe again,
so a file we wrote imports back unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` as a CSV cell a spreadsheet will not run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore_cell(text: str) -> str:
    """The inverse of :func:`safe_cell`, for reading back a file we wrote."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def write_rows(fh: IO[str], header: Sequence[str], rows: Iterable[Sequence[Any]], *, neutralise: bool = True) -> None:
    """Header and rows, one line each ending in "\n"; a cell holding a carriage return is quoted
    (Python's writer quotes only the line terminator's characters, so each row is written
    with "\r\n" and the ending swapped). ``neutralise=False`` only for data files written
    from our own generated values for other programs to import (the bundled sample
    contacts, whose phone numbers start with "+")."""
    cell = safe_cell if neutralise else _as_is
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in chain([header], rows):
        buf.seek(0)
        buf.truncate()
        writer.writerow([cell(v) for v in row])
        fh.write(buf.getvalue()[:-2] + "\n")


def write_dicts(fh: IO[str], header: Sequence[str], rows: Iterable[Mapping[str, Any]], *,
                neutralise: bool = True) -> None:
    """Rows as dicts; a key missing from a row is an empty cell."""
    write_rows(fh, header, ([row.get(k, "") for k in header] for row in rows), neutralise=neutralise)


def _as_is(value: Any) -> Any:
    return value
