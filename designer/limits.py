"""Size limits every layer applies the same way (one home: the validator, the
dry-run, the real send and the readers all import them from here)."""

from __future__ import annotations

MAX_CSV_CELL_CHARS = 128 * 1024  # one cell of an imported CSV file
