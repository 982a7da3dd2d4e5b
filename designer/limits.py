"""Size limits every layer applies the same way (one home: the validator, the
dry-run, the real send and the readers all import them from here)."""

from __future__ import annotations

MAX_CSV_CELL_CHARS = 128 * 1024  # one cell of an imported CSV file
MAX_TEMPLATE_LENGTH = 100_000  # characters of one message template (before rendering)
MAX_OUTPUT_LENGTH = 1_000_000  # characters of one rendered field: longer is not sent (suppressed)
