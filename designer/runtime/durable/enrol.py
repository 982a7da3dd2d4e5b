"""Putting contacts into a workflow (honouring its re-entry rule) and taking them out.

Called inside a write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: under the
workflow's advisory lock, see :mod:`.dialect`), so the check "may this
contact enter?" and the insert cannot be split by another engine; the unique
indexes on (workflow, contact, seq) and on the active pass back that up.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Connection

from ..interpreter import CompiledWorkflow
from ..rules.passes import may_enter
from . import dialect
from .sink import STEP_COLUMNS, add_counts
from .tables import Contact, Enrolment, Step

DAY = 86400.0
FOREVER = 9.0e15  # a wait with no timeout: never due by time
ENROL_COLUMNS = ("workflow_id", "version", "contact_id", "seq", "node_id", "state", "wake_at", "entered_at", "goal_until")


def _chunks(items: Sequence, size: int = 900) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def enrol(conn: Connection, cw: CompiledWorkflow, node_id: str, contact_ids: Iterable[str], now: float,
          why: str, at: Sequence[float] | None = None) -> int:
    """Enrol contacts at trigger ``node_id``; returns how many entered. Contacts
    already in the workflow, barred by the re-entry rule, or unknown, are skipped.
    ``at`` (per contact: when its trigger happened, default now) is the moment
    "re-enter after N days" is judged at."""
    moments: dict[str, float] = {}
    for n, cid in enumerate(contact_ids):
        moments.setdefault(cid, now if at is None else min(at[n], now))
    wanted = list(moments)
    if not wanted:
        return 0
    wf = cw.workflow
    rule = wf.settings.re_entry
    known: set[str] = set()
    last: dict[str, tuple[int, float, float]] = {}  # latest seq, its entry time, when the latest pass ended
    for chunk in _chunks(wanted):  # straight through the driver: a list trigger enrols whole lists
        known.update(r[0] for r in dialect.select_in(conn, Contact.__tablename__, ["id"], "id", chunk))
        for cid, seq, entered, finished in dialect.select_in(
                conn, Enrolment.__tablename__, ["contact_id", "seq", "entered_at", "finished_at"], "contact_id", chunk,
                where={"workflow_id": wf.id}):
            ended = float("inf") if finished is None else finished
            p = last.get(cid)
            last[cid] = (seq, entered, ended) if p is None or seq > p[0] else p
    goal_until = now + wf.goal.window_days * DAY if wf.goal else None
    wanted = [cid for cid in wanted if cid in known]
    prev = [last.get(cid, (0, math.nan, -math.inf)) for cid in wanted]  # (passes, last entry, end of the last)
    allowed = may_enter(rule, np.array([p[2] == math.inf for p in prev], dtype=bool), np.array([p[0] for p in prev]),
                        np.array([p[1] for p in prev], dtype=float), np.array([moments[c] for c in wanted]))
    rows = [(wf.id, cw.version, cid, p[0] + 1, node_id, "active", now, now, goal_until)
            for cid, p, ok in zip(wanted, prev, allowed.tolist()) if ok]
    if not rows:
        return 0
    dialect.insert_rows(conn, Enrolment.__tablename__, ENROL_COLUMNS, rows)
    steps = []
    for chunk in _chunks([r[2] for r in rows]):
        steps += [(eid, cid, wf.id, node_id, None, now, "enrolled", why) for eid, cid in dialect.select_in(
            conn, Enrolment.__tablename__, ["id", "contact_id"], "contact_id", chunk,
            where={"workflow_id": wf.id, "state": "active"})]
    dialect.insert_rows(conn, Step.__tablename__, STEP_COLUMNS, steps)
    return len(rows)


def finish(conn: Connection, workflow_id: str, rows: Sequence[dict], state: str, reason: str, now: float,
           what: str | None = None) -> None:
    """End these enrolments (dicts with id, contact_id, node_id): 'converted' or 'exited', with the reason."""
    if not rows:
        return
    if dialect.is_postgres(conn):  # another worker may have just finished some: end only those still active
        ids = sorted(r["id"] for r in rows)
        live: set[int] = set()
        for chunk in _chunks(ids):
            live.update(conn.execute(dialect.lock(conn, select(Enrolment.id).where(
                Enrolment.id.in_(chunk), Enrolment.state == "active").order_by(Enrolment.id))).scalars())
        rows = [r for r in rows if r["id"] in live]
        if not rows:
            return
    conn.execute(
        update(Enrolment).where(Enrolment.id == bindparam("b_id"), Enrolment.state == "active"),
        [{"b_id": r["id"], "state": state, "finished_at": now, "reason": reason, "wake_at": None,
          "wait_event": None, "resume_port": None} for r in rows],
    )
    dialect.insert_rows(conn, Step.__tablename__, STEP_COLUMNS, [
        [r["id"], r["contact_id"], workflow_id, r["node_id"], None, now, what or state, reason] for r in rows])
    counts: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        counts[r["node_id"]][state] += 1
    add_counts(conn, workflow_id, counts)
