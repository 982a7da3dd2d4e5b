"""Simulated contacts as numpy columns, their event log, and the frames the
shared interpreter reads them through.

One row per contact; every column is an array of length ``n``, so a node step
over 100,000 contacts is a gather, not a loop. Synthetic contacts for large
runs are generated as columns directly (never a million dicts); sample or
imported contacts are converted from dicts once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path

import numpy as np

from designer.nodes import CHANNELS, channel_kind


class Codes:
    """A column of few distinct strings (stage, time zone) as small ints."""

    def __init__(self, values: Iterable[object]) -> None:
        self.names: list[object] = []
        self.index: dict[object, int] = {}
        self.codes = np.fromiter((self.code(v) for v in values), dtype=np.int16)

    def code(self, value: object) -> int:
        if value not in self.index:
            self.index[value] = len(self.names)
            self.names.append(value)
        return self.index[value]

    def values(self, rows: np.ndarray) -> np.ndarray:
        table = np.empty(len(self.names), dtype=object)
        table[:] = self.names
        return table[self.codes[rows]]


class ContactStore:
    """Contacts as columns. ``value(name, rows)`` reads a field or attribute."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.columns: dict[str, np.ndarray] = {}
        self.lazy: dict[str, Callable[[], np.ndarray]] = {}
        self.tags: dict[str, np.ndarray] = {}
        self.consent: dict[str, np.ndarray] = {}
        self.stage = Codes([None] * n)
        self.timezone = Codes([None] * n)  # None: unknown (quiet hours then use the workflow's zone)
        self.score = np.zeros(n, dtype=np.int64)
        self.skipped: list[tuple[int, str]] = []  # CSV rows left out: (line, reason)
        self._ids: np.ndarray | None = None
        self._row_of: dict[str, int] | None = None

    # --- reading ----------------------------------------------------------
    @property
    def ids(self) -> np.ndarray:
        if self._ids is None:
            self._ids = self.column("id")
        return self._ids

    def row_of(self, contact_id: str) -> int | None:
        if self._row_of is None:
            self._row_of = {str(v): i for i, v in enumerate(self.ids.tolist())}
        return self._row_of.get(str(contact_id))

    def column(self, name: str) -> np.ndarray | None:
        if name not in self.columns and name in self.lazy:
            self.columns[name] = self.lazy.pop(name)()
        return self.columns.get(name)

    def value(self, name: str, rows: np.ndarray) -> np.ndarray:
        first, *rest = name.split(".")
        if first == "stage":
            out = self.stage.values(rows)
        elif first == "timezone":
            out = self.timezone.values(rows)
        elif first == "score":
            return self.score[rows]
        elif first == "tags":
            out = np.empty(len(rows), dtype=object)
            out[:] = [[t for t, col in self.tags.items() if col[r]] for r in rows.tolist()]
        else:
            col = self.column(first)
            if col is None:
                return np.full(len(rows), None, dtype=object)
            out = col[rows]
        if rest:
            out = np.array([_dig(v, rest) for v in out.tolist()] + [None], dtype=object)[:-1]
        return out

    # the shared rules' view (runtime.store_protocol.ContactReader), by contact id
    def contact_count(self) -> int:
        return self.n

    def field_values(self, name: str, contact_ids: Sequence[str]) -> list:
        rows = [self.row_of(c) for c in contact_ids]
        known = np.array([r for r in rows if r is not None], dtype=np.int64)
        found = iter(self.value(name, known).tolist())
        return [None if r is None else next(found) for r in rows]

    def has_tag(self, tag: str, rows: np.ndarray) -> np.ndarray:
        col = self.tags.get(tag)
        return np.zeros(len(rows), dtype=bool) if col is None else col[rows]

    def reachable(self, channel: str) -> np.ndarray:
        """Rows with an address for ``channel`` (always all for address-free channels)."""
        kind = channel_kind(channel)
        name = kind.address_field if kind.is_message else None
        if name is None or name == "id":  # every contact has an id
            return np.ones(self.n, dtype=bool)
        col = self.column(name)
        if col is None:
            return np.zeros(self.n, dtype=bool)
        if col.dtype == bool:
            return col
        return np.array([v is not None and str(v).strip() != "" for v in col.tolist()] + [False])[:-1]

    # --- writing ----------------------------------------------------------
    def set_tag(self, tag: str, rows: np.ndarray, on: bool) -> None:
        if tag not in self.tags:
            self.tags[tag] = np.zeros(self.n, dtype=bool)
        self.tags[tag][rows] = on

    def set_values(self, name: str, rows: np.ndarray, values: np.ndarray | object) -> None:
        if name == "stage":
            self.stage.codes[rows] = self.stage.code(values)
            return
        if name == "score":
            self.score[rows] = values
            return
        col = self.column(name)
        if col is None or col.dtype != object:
            old = col
            col = np.full(self.n, None, dtype=object)
            if old is not None:
                col[:] = old.tolist()
            self.columns[name] = col
        col[rows] = values


def _dig(value: object, keys: list[str]) -> object:
    for key in keys:
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


# --- building stores ---------------------------------------------------------


def from_records(records: list[Mapping]) -> ContactStore:
    """A store from contact dicts (the sample contacts' shape; see sample.py)."""
    n = len(records)
    store = ContactStore(n)
    store.columns["id"] = _objects(str(r.get("id", f"c{i + 1:05d}")) for i, r in enumerate(records))
    for name in ("first_name", "last_name", "email", "phone", "wechat_id"):
        store.columns[name] = _objects(r.get(name) for r in records)
    store.stage = Codes(r.get("stage") for r in records)
    store.timezone = Codes(r.get("timezone") or None for r in records)
    store.score = np.array([_int(r.get("score")) for r in records], dtype=np.int64)
    attrs: dict[str, np.ndarray] = {}
    for i, r in enumerate(records):
        for key, value in (r.get("attributes") or {}).items():
            if key not in attrs:
                attrs[key] = np.full(n, None, dtype=object)
            attrs[key][i] = value
        for tag in _tag_list(r.get("tags")):
            store.set_tag(tag, np.array([i]), True)
    for key, col in attrs.items():
        store.columns.setdefault(key, col)
    given = [r.get("consent") for r in records]
    for channel in CHANNELS:
        consents = channel_kind(channel).consents
        store.consent[channel] = np.fromiter((consents(c) for c in given), dtype=bool, count=n)
    return store


def _objects(values: Iterable[object]) -> np.ndarray:
    items = list(values)
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def _int(value: object) -> int:
    try:
        return int(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):  # not a number, nan, inf
        return 0


def _tag_list(tags: object) -> list[str]:
    if isinstance(tags, str):
        return [t.strip() for t in tags.replace(";", ",").split(",") if t.strip()]
    return [str(t) for t in tags or ()]


def from_csv(path: str | Path) -> ContactStore:
    """Contacts from a CSV file, read exactly as ``journey contacts import`` reads it
    (:func:`designer.runtime.imports.read_contacts_csv`: ``consent.<channel>``,
    ``attr.<name>``, loosely named fields). Rows that cannot be read are left out and
    listed in the store's ``skipped`` as (line, reason); a file that cannot be read at
    all raises ValueError."""
    from ..durable.contacts import new_id  # here: a dry-run without a CSV needs no database code
    from ..imports import BadRecord, ImportFailed, read_contacts_csv

    records, skipped = [], []
    try:
        for line, record in read_contacts_csv(path):
            if isinstance(record, BadRecord):
                skipped.append((line, str(record)))
            else:
                records.append({**record, "id": new_id(record)})
    except ImportFailed as err:
        raise ValueError(str(err)) from None
    store = from_records(records)
    store.skipped = skipped
    return store


_FIRST = ["Wei", "Fang", "Olivia", "Liam", "Emma", "Noah", "Haruto", "Mia", "Lukas", "Louise", "Priya", "Diego"]
_CITIES = ["Shanghai", "Beijing", "Hangzhou", "London", "New York", "Berlin", "Paris", "Tokyo", "Sydney"]
_ZONES = ["Asia/Shanghai", "Europe/London", "America/New_York", "Europe/Berlin", "Asia/Tokyo", "Australia/Sydney"]
_ZONE_P = [0.40, 0.18, 0.18, 0.10, 0.08, 0.06]
_STAGES = ["stranger", "prospect", "customer", "repeat_customer", "promoter"]
_STAGE_P = [0.10, 0.45, 0.28, 0.12, 0.05]
_CONSENT_P = {"email": 0.88, "sms": 0.60, "push": 0.50, "in_app": 0.70, "wechat": 0.55}


def synthetic(n: int, seed: int = 7) -> ContactStore:
    """``n`` synthetic contacts generated as columns: fast and deterministic."""
    rng = np.random.default_rng(seed)
    store = ContactStore(n)
    store.lazy["id"] = lambda: np.array([f"c{i + 1:07d}" for i in range(n)], dtype=object)
    store.columns["first_name"] = np.array(_FIRST, dtype=object)[rng.integers(0, len(_FIRST), n)]
    store.columns["city"] = np.array(_CITIES, dtype=object)[rng.integers(0, len(_CITIES), n)]
    store.timezone = _codes_from(rng.choice(len(_ZONES), n, p=_ZONE_P), _ZONES)
    store.stage = _codes_from(rng.choice(len(_STAGES), n, p=_STAGE_P), _STAGES)
    store.score = np.clip(rng.normal(40, 20, n), 0, 100).astype(np.int64)
    # Addresses as presence flags: the values are never sent anywhere in a dry-run.
    store.columns["email"] = rng.random(n) < 0.93
    store.columns["phone"] = rng.random(n) < 0.75
    store.columns["wechat_id"] = rng.random(n) < 0.55
    for channel in CHANNELS:
        p = _CONSENT_P.get(channel, 1.0) if channel_kind(channel).is_message else 1.0
        store.consent[channel] = rng.random(n) < p
    store.set_tag("newsletter", np.flatnonzero(rng.random(n) < 0.3), True)
    store.set_tag("vip", np.flatnonzero(rng.random(n) < 0.05), True)
    return store


def _codes_from(indices: np.ndarray, names: list[str]) -> Codes:
    codes = Codes([])
    codes.names, codes.index = list(names), {v: i for i, v in enumerate(names)}
    codes.codes = indices.astype(np.int16)
    return codes


# --- events -------------------------------------------------------------------


class EventLog:
    """Every event that happened (history and simulated), per event name, as arrays.

    Appends go to chunks; readers get one consolidated array per name, rebuilt
    only when the name changed. ``src`` indexes :attr:`props` (the properties
    the event carries: few distinct ones, so they are stored once)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self._chunks: dict[str, list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = {}
        self._merged: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self.props: list[dict] = [{}]
        self._props_index: dict[str, int] = {"{}": 0}
        # For count(): per name, the events sorted by row (rows, ts) and those added since (unsorted),
        # so a count over a few rows reads only their events, not the whole log (see count).
        self._by_row: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._since_sorted: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {}

    def props_id(self, props: Mapping | None) -> int:
        key = repr(sorted((props or {}).items()))
        if key not in self._props_index:
            self._props_index[key] = len(self.props)
            self.props.append(dict(props or {}))
        return self._props_index[key]

    def add(self, name: str, rows: np.ndarray, ts: np.ndarray, src: np.ndarray | int = 0) -> None:
        if not len(rows):
            return
        src = np.full(len(rows), src, dtype=np.int32) if np.isscalar(src) else src.astype(np.int32)
        rows, ts = rows.astype(np.int64, copy=False), ts.astype(np.float64, copy=False)
        self._chunks.setdefault(name, []).append((rows, ts, src))
        self._merged.pop(name, None)
        if name in self._by_row:
            self._since_sorted[name].append((rows, ts))

    def arrays(self, name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if name not in self._merged:
            chunks = self._chunks.get(name) or [(np.empty(0, np.int64), np.empty(0), np.empty(0, np.int32))]
            merged = tuple(np.concatenate(c) for c in zip(*chunks))
            self._chunks[name] = [merged] if name in self._chunks else []
            self._merged[name] = merged
        return self._merged[name]

    def names(self) -> list[str]:
        return list(self._chunks)

    def count(self, name: str, rows: np.ndarray, since: float | np.ndarray,
              until: float | np.ndarray) -> np.ndarray:
        """How many ``name`` events each row had with ``since <= time <= until`` (bounds
        the same for all, or one per row)."""
        per_row = isinstance(since, np.ndarray) or isinstance(until, np.ndarray)
        if per_row:
            since = np.broadcast_to(np.asarray(since, dtype=float), rows.shape)
            until = np.broadcast_to(np.asarray(until, dtype=float), rows.shape)

        def within(t: np.ndarray, owner: np.ndarray) -> np.ndarray:  # owner: the asking position of each event
            return (t >= since[owner]) & (t <= until[owner]) if per_row else (t >= since) & (t <= until)

        if len(rows) * 16 >= self.n and not per_row:  # many rows: one pass over all contacts
            log_rows, ts, _ = self.arrays(name)
            hit = log_rows[(ts >= since) & (ts <= until)]
            return np.bincount(hit, minlength=self.n)[rows]
        # A few rows (a step's batch): their events in the row-sorted part, plus a scan of the
        # events added since it was sorted (re-sorted once they are an eighth of it).
        by_row, ts, starts = self._sorted_by_row(name)
        out = np.zeros(len(rows), dtype=np.int64)
        owner, at = _expand(starts[rows], starts[rows + 1])  # each row's events: a slice of the row-sorted log
        if len(owner):
            out += np.bincount(owner[within(ts[at], owner)], minlength=len(rows))
        recent = self._since_sorted[name]
        if recent:
            if len(recent) > 1:  # one array from now on: the next call concatenates only what came since
                recent[:] = [(np.concatenate([c[0] for c in recent]), np.concatenate([c[1] for c in recent]))]
            r, t = recent[0]
            if per_row:  # each event against every asking position of its row
                order = np.argsort(rows, kind="stable")
                event, at = _expand(np.searchsorted(rows[order], r, side="left"),
                                    np.searchsorted(rows[order], r, side="right"))
                owner = order[at]
                out += np.bincount(owner[within(t[event], owner)], minlength=len(rows))
            else:
                hit = np.sort(r[within(t, None)])
                if len(hit):
                    out += np.searchsorted(hit, rows, side="right") - np.searchsorted(hit, rows, side="left")
        return out

    def _sorted_by_row(self, name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The events of ``name`` sorted by row (rows, times) and where each row's events start
        (``starts[r]:starts[r + 1]``); those added since are in ``_since_sorted``."""
        recent = self._since_sorted.get(name)
        if name not in self._by_row:
            log_rows, ts, _ = self.arrays(name)
            order = np.argsort(log_rows, kind="stable")
            self._set_by_row(name, log_rows[order], ts[order])
        elif sum(len(c[0]) for c in recent) * 8 > len(self._by_row[name][0]) + 4096:
            # The new events sorted, then merged into the sorted part: the stable sort of two sorted
            # runs is a merge. (Only counts are read, so the order within a row does not matter.)
            r = np.concatenate([c[0] for c in recent])
            t = np.concatenate([c[1] for c in recent])
            first = np.argsort(r, kind="stable")
            old_rows, old_ts, _ = self._by_row[name]
            rows, ts = np.concatenate((old_rows, r[first])), np.concatenate((old_ts, t[first]))
            order = np.argsort(rows, kind="stable")
            self._set_by_row(name, rows[order], ts[order])
        return self._by_row[name]

    def _set_by_row(self, name: str, rows: np.ndarray, ts: np.ndarray) -> None:
        starts = np.zeros(self.n + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=self.n), out=starts[1:])
        self._by_row[name] = (rows, ts, starts)
        self._since_sorted[name] = []


class RowsFrame:
    """The :class:`~designer.conditions.ContactFrame` of some rows at a moment."""

    def __init__(self, store: ContactStore, log: EventLog, rows: np.ndarray, props: np.ndarray | None = None):
        self.store, self.log, self.rows, self.props = store, log, rows, props

    def __len__(self) -> int:
        return len(self.rows)

    def value(self, name: str) -> np.ndarray:
        if self.props is not None and (name == "props" or name.startswith("props.")):
            out = self.props
            for key in name.split(".")[1:]:
                out = np.array([_dig(v, [key]) for v in out.tolist()] + [None], dtype=object)[:-1]
            return out
        return self.store.value(name, self.rows)

    def has_tag(self, tag: str) -> np.ndarray:
        return self.store.has_tag(tag, self.rows)

    def event_count(self, event: str, within_days: float | None, now: float | np.ndarray) -> np.ndarray:
        since = -math.inf if within_days is None else now - within_days * 86400.0
        return self.log.count(event, self.rows, since, now)


def _expand(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The slices ``lo[i]:hi[i]`` laid end to end: for each position, its slice's index and the position."""
    k = hi - lo
    owner = np.repeat(np.arange(len(lo)), k)
    return owner, np.arange(len(owner)) - np.repeat(np.cumsum(k) - k, k) + np.repeat(lo, k)


def load_history(store: ContactStore, log: EventLog, events: list[Mapping]) -> None:
    """Past events (``{"contact_id", "name", "time", "properties"}``) into the log."""
    by_name: dict[str, list[tuple[int, float, int]]] = {}
    for e in events:
        row = store.row_of(e["contact_id"])
        if row is None:
            continue
        ts = datetime.fromisoformat(str(e["time"]).replace("Z", "+00:00")).timestamp()
        by_name.setdefault(e["name"], []).append((row, ts, log.props_id(e.get("properties"))))
    for name, items in by_name.items():
        rows, ts, src = (np.array(c) for c in zip(*items))
        log.add(name, rows, ts, src)
