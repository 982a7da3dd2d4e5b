"""Per-segment fits: the blueprint's behaviour-model segments, judged on the recorded contacts.

A contact belongs to the first segment whose condition it meets (the dry-run's
own rule, :meth:`~designer.runtime.dryrun.behaviour_model.BehaviourModel.segment_of`),
judged on the contact as the database holds it now, with the events it had up to
its first entry. Each segment gets its own event probabilities and channel open
and click rates, where it has at least 30 contacts (or messages).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from designer.simulation_model import SegmentOverride, SimulationModel

from . import history as h
from .rates import MIN_CONTACTS, rate


def assign(conn, segments: list[SegmentOverride], entry: dict[str, float]) -> dict[str, int]:
    """contact id -> index of its segment (len(segments): none)."""
    from designer.runtime.dryrun.behaviour_model import BehaviourModel
    from designer.runtime.dryrun.columns import EventLog, RowsFrame, from_records

    ids = list(entry)
    store = from_records(h.contacts(conn, ids))
    log = EventLog(store.n)
    rows_of = {cid: store.row_of(cid) for cid in ids}
    first = np.array([entry[c] for c in ids])
    for name in h.event_names(conn):
        rows, ts = [], []
        for cid, times in h.event_times(conn, name).items():
            r = rows_of.get(cid)
            if r is not None:
                rows += [r] * len(times)
                ts += times
        if rows:
            log.add(name, np.array(rows, dtype=np.int64), np.array(ts))
    model = BehaviourModel(SimulationModel(segments=segments))
    out: dict[str, int] = {}
    # Judged at each contact's first entry: one evaluation per distinct entry time would be exact;
    # the latest entry bounds it, and events after a contact's own entry are left out below.
    known = np.array([rows_of[c] is not None for c in ids])
    rows = np.array([rows_of[c] for c in ids if rows_of[c] is not None], dtype=np.int64)
    if len(rows):
        _clip_to_entry(log, store.n, rows, first[known])
        seg = model.segment_of(RowsFrame(store, log, rows), float(first.max()))
        out = {c: int(s) for c, s in zip([c for c in ids if rows_of[c] is not None], seg.tolist())}
    return out


def _clip_to_entry(log, n: int, rows: np.ndarray, entered: np.ndarray) -> None:
    """Keep only the events each contact had up to its first entry (what the segment saw then)."""
    limit = np.full(n, np.inf)
    limit[rows] = entered
    for name in log.names():
        r, ts, src = log.arrays(name)
        keep = ts <= limit[r]
        log._chunks[name] = [(r[keep], ts[keep], src[keep])]
        log._merged.pop(name, None)


def fit(conn, segments: list[SegmentOverride], entry: dict[str, float], msgs: list[tuple],
        times_of: dict[str, dict[str, list[float]]], window: float) -> list[dict[str, Any]]:
    member = assign(conn, segments, entry)
    out = []
    for i, seg in enumerate(segments):
        who = {c for c, s in member.items() if s == i}
        events = {}
        for name, times in times_of.items():
            k = sum(1 for c in who if any(entry[c] < t <= entry[c] + window for t in times.get(c, ())))
            events[name] = rate(k, len(who))
        channels = {}
        for ch in sorted({m[3] for m in msgs}):
            delivered = [m for m in msgs if m[3] == ch and m[2] in who and m[4] in h.DELIVERED]
            opened = [m for m in delivered if m[6] is not None]
            if any(m[6] is not None for m in msgs if m[3] == ch):
                channels[ch] = {"open": rate(len(opened), len(delivered), "delivered messages"),
                                "click": rate(sum(1 for m in opened if m[7] is not None), len(opened), "opened messages")}
        out.append({"name": seg.name, "condition": seg.condition, "contacts": len(who),
                    "enough": len(who) >= MIN_CONTACTS, "events": events, "channels": channels})
    return out


def to_segments(fitted: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The fitted segments as ``simulation.segments`` entries (rates not reported are left out)."""
    out = []
    for s in fitted:
        events = {n: {"probability": r["rate"]} for n, r in s["events"].items() if r["rate"] is not None}
        channels = {}
        for ch, f in s["channels"].items():
            rates = {k + "_rate": f[k]["rate"] for k in ("open", "click") if f[k]["rate"] is not None}
            if rates:
                channels[ch] = rates
        if events or channels:
            out.append({"name": s["name"], "condition": s["condition"], "channels": channels, "events": events})
    return out
