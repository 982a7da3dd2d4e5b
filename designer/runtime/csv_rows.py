"""Reading CSV rows from a file people exported: one row at a time, with its line.

A row that cannot be read (a cell over the size limit, more cells than
columns) is yielded as an error for that line, and reading goes on; only a
file that cannot be read at all (missing, not UTF-8, no header) raises.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from designer.csv_cells import restore_cell
from designer.i18n import Message
from designer.limits import MAX_CSV_CELL_CHARS


class ImportFailed(ValueError):
    """The source as a whole cannot be read (missing file, HTTP error): one line."""


csv.field_size_limit(MAX_CSV_CELL_CHARS)  # process-wide in the csv module: set once, here


def csv_rows(path: str | Path) -> Iterator[tuple[int, dict[str, str] | str]]:
    """(line number of the row's start, row as {column: cell}, or the reason it is unreadable)."""
    path = Path(path)
    try:
        fh = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed by the with below
    except OSError as err:
        raise ImportFailed(Message("csv.cannot-read", {"path": str(path), "reason": err.strerror or str(err)})) from None
    with fh:
        reader = csv.reader(fh)
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as err:
            raise ImportFailed(Message("csv.bad-header", {"path": str(path), "error": str(err)})) from None
        if not header:
            raise ImportFailed(Message("csv.empty", {"path": str(path)}))
        header = [h.strip() for h in header]
        line = reader.line_num + 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError:
                raise ImportFailed(Message("csv.not-utf8", {"path": str(path)})) from None
            except csv.Error as err:  # the reader resumes at the next line
                yield line, _reason(err)
                line = reader.line_num + 1
                continue
            if any(c.strip() for c in cells):
                if len(cells) > len(header):
                    yield line, f"{len(cells)} cells but {len(header)} columns"
                else:
                    yield line, {h: restore_cell(c) for h, c in zip(header, cells)}
            line = reader.line_num + 1


def _reason(err: csv.Error) -> str:
    if "field limit" in str(err):
        return f"a cell is longer than {MAX_CSV_CELL_CHARS:,} characters"
    return f"unreadable CSV: {err}"
