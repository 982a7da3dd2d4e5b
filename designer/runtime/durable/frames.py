"""Contacts as the interpreter sees them: a ContactFrame over rows read from the database.

A contact record is a plain dict (the shape of :func:`designer.runtime.sample.sample_contacts`):
core fields, ``tags`` (list), ``attributes`` (dict) and ``consent`` (dict).
Condition names look at core fields first, then attributes; ``props`` is the
triggering event's properties where there is one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from . import dialect
from .store import dumps, loads
from .tables import Event

CORE = ("id", "first_name", "last_name", "email", "phone", "wechat_id", "timezone", "stage", "score")
EventCounter = Callable[[Sequence[str], str, float, float], Mapping[str, int]]


def record_from_row(row: Any) -> dict:
    m = row._mapping
    rec = {name: m[name] for name in CORE}
    rec["tags"] = loads(m["tags"], [])
    rec["attributes"] = loads(m["attributes"], {})
    rec["consent"] = loads(m["consent"], {})
    return rec


def row_from_record(rec: Mapping, now: float) -> dict:
    row = {name: rec.get(name) for name in CORE}
    row["score"] = int(rec.get("score") or 0)
    row["tags"] = dumps(list(rec.get("tags") or []))
    row["attributes"] = dumps(dict(rec.get("attributes") or {}))
    row["consent"] = dumps(dict(rec.get("consent") or {}))
    row["updated_at"] = now
    return row


RECORD_COLUMNS = (*CORE, "tags", "attributes", "consent")


class _Decoder:
    """JSON fields of one read, decoded once per distinct text: contacts share most of them
    (``{"email":true}``, ``[]``). Each record gets its own copy, as :func:`loads` would give it
    (a flat list or dict is copied; anything nested is decoded afresh)."""

    def __init__(self) -> None:
        self.flat: dict[str, Any] = {}

    def __call__(self, text: str | None, default: type) -> Any:
        value = self.flat.get(text)
        if value is not None:  # the usual case: a text seen before in this read
            return value.copy()
        if not text:
            return default()
        value = loads(text, None)
        if value is None:  # as loads(text, default): not JSON gives the default, JSON null gives None
            return None if text.strip() == "null" else default()
        if isinstance(value, list) and not any(isinstance(v, (list, dict)) for v in value) or (
                isinstance(value, dict) and not any(isinstance(v, (list, dict)) for v in value.values())):
            self.flat[text] = value
            return value.copy()
        return value


def load_contacts(conn: Connection, ids: Iterable[str], lock: bool = False) -> dict[str, dict]:
    """Contact records by id; ``lock``: to be changed in this transaction (PostgreSQL: other workers
    wait for the commit; taken in id order, so two workers cannot wait on each other)."""
    out: dict[str, dict] = {}
    ids = sorted(set(ids)) if lock else list(dict.fromkeys(ids))
    decode = _Decoder()
    seen = decode.flat.get  # decode's usual case, inlined (the texts it has decoded before)
    n = len(CORE)
    for start in range(0, len(ids), 900):  # SQLite's bound-parameter limit
        for row in dialect.select_in(conn, "contact", RECORD_COLUMNS, "id", ids[start:start + 900], lock):
            rec = dict(zip(CORE, row[:n]))
            tags, attributes, consent = row[n:]
            rec["tags"] = v.copy() if (v := seen(tags)) is not None else decode(tags, list)
            rec["attributes"] = v.copy() if (v := seen(attributes)) is not None else decode(attributes, dict)
            rec["consent"] = v.copy() if (v := seen(consent)) is not None else decode(consent, dict)
            out[row[0]] = rec
    return out


def event_counter(conn: Connection) -> EventCounter:
    def count(ids: Sequence[str], event: str, since: float, until: float) -> Mapping[str, int]:
        out: dict[str, int] = {}
        unique = list(dict.fromkeys(ids))
        for start in range(0, len(unique), 900):
            chunk = unique[start:start + 900]
            query = (
                select(Event.contact_id, func.count())
                .where(Event.contact_id.in_(chunk), Event.name == event, Event.time >= since, Event.time <= until)
                .group_by(Event.contact_id)
            )
            out.update({cid: n for cid, n in conn.execute(query)})
        return out

    return count


class DbFrame:
    """A ContactFrame over contact records (live dicts: effects applied to them show at once)."""

    def __init__(self, records: Sequence[dict], count_events: EventCounter, props: Sequence[Mapping] | None = None):
        self.records = records
        self.count_events = count_events
        self.props = props

    def __len__(self) -> int:
        return len(self.records)

    def value(self, name: str) -> np.ndarray:
        first, *rest = name.split(".")
        if first == "props" and self.props is not None:
            column = list(self.props)
        else:
            column = [get_field(r, first) for r in self.records]
        for key in rest:
            column = [v.get(key) if isinstance(v, Mapping) else None for v in column]
        out = np.empty(len(column), dtype=object)
        out[:] = column
        return out

    def has_tag(self, tag: str) -> np.ndarray:
        return np.fromiter((tag in (r.get("tags") or ()) for r in self.records), dtype=bool, count=len(self.records))

    def event_count(self, event: str, within_days: float | None, now: float) -> np.ndarray:
        since = -math.inf if within_days is None else now - within_days * 86400.0
        counts = self.count_events([r["id"] for r in self.records], event, since, now)
        return np.fromiter((counts.get(r["id"], 0) for r in self.records), dtype=np.int64, count=len(self.records))


def get_field(rec: Mapping, name: str) -> Any:
    if name in rec:
        return rec[name]
    attributes = rec.get("attributes")
    return attributes.get(name) if isinstance(attributes, Mapping) else None


def template_values(rec: Mapping, variables: Mapping[str, str]) -> dict:
    """What ``{{ placeholders }}`` in a message see: blueprint variables, then
    attributes, then the contact's own fields (the most specific wins)."""
    values: dict[str, Any] = dict(variables)
    values.update(rec.get("attributes") or {})
    values.update(rec)
    return values
