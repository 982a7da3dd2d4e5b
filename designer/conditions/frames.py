"""What a condition is evaluated over: the ContactFrame protocol and RecordFrame."""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import numpy as np

from .coercion import _DAY, _dig, _epoch


class ContactFrame(Protocol):
    def __len__(self) -> int: ...
    def value(self, name: str) -> np.ndarray: ...
    def has_tag(self, tag: str) -> np.ndarray: ...
    def event_count(self, event: str, within_days: float | None, now: float | np.ndarray) -> np.ndarray:
        """How many ``event`` events each row had up to ``now`` (one time, or one per row), within
        the last ``within_days`` days if given."""


class RecordFrame:
    """A ContactFrame over plain dicts (tests, CLI single-contact evaluation).

    Each record may hold fields at top level plus "tags" (list, or a
    comma-separated string), "events" (list of (name, epoch_seconds) pairs or
    {"name", "ts"} dicts) and "attributes" (dict). value() looks at the top
    level first, then in "attributes"; a dotted name is resolved through dicts.
    """

    def __init__(self, records: Sequence[Mapping]):
        self.records = list(records)

    def __len__(self) -> int:
        return len(self.records)

    def _column(self, values: Any, dtype: Any) -> np.ndarray:
        return np.fromiter(values, dtype=dtype, count=len(self.records))

    @staticmethod
    def _get(record: Mapping, key: str) -> Any:
        if key in record:
            return record[key]
        attributes = record.get("attributes")
        return attributes.get(key) if isinstance(attributes, Mapping) else None

    def value(self, name: str) -> np.ndarray:
        first, *rest = name.split(".")
        return self._column((_dig(self._get(r, first), rest) for r in self.records), object)

    def has_tag(self, tag: str) -> np.ndarray:
        def tags(r: Mapping) -> Any:
            t = r.get("tags") or ()
            return [s.strip() for s in t.split(",")] if isinstance(t, str) else t
        return self._column((tag in tags(r) for r in self.records), bool)

    def event_count(self, event: str, within_days: float | None, now: float | np.ndarray) -> np.ndarray:
        times = np.broadcast_to(np.asarray(now, dtype=float), (len(self.records),)).tolist()

        def count(r: Mapping, until: float) -> int:
            since = -math.inf if within_days is None else until - within_days * _DAY
            total = 0
            for e in r.get("events") or ():
                name, ts = (e.get("name"), e.get("ts")) if isinstance(e, Mapping) else tuple(e)[:2]
                t = _epoch(ts)
                total += name == event and t is not None and since <= t <= until
            return total
        return self._column((count(r, t) for r, t in zip(self.records, times)), np.int64)
