"""New events, read once per workflow through a cursor: they convert contacts
(the workflow goal), take contacts out (the exit criteria event), wake
contacts waiting for them, and enrol contacts (event triggers).

Only events from when the workflow started listening enrol anyone (see
:mod:`.listening`: imported history never does, live events do), so importing
last month's history does not start last month's journeys; a
wait, a goal or an exit counts only events from when the contact started
waiting or entered. Goals are checked before exits: a contact whose goal
event and exit event arrive together counts as converted. A waiting contact
whose event (at time t) and timeout (at time w) are both past is woken by
whichever came first: the event if t <= w.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Connection

from designer.conditions import parse as parse_condition
from designer.nodes.behaviour import OnEvent

from ..interpreter import CompiledWorkflow
from ..rules.passes import counts_for
from . import dialect
from .enrol import enrol, finish
from .frames import DbFrame, event_counter, load_contacts
from .store import loads
from .tables import Enrolment, Event, WorkflowState


def matching(conn: Connection, condition: str, contact_ids: Sequence[str], props: Sequence[dict] | None,
             now: float) -> np.ndarray:
    """Which of these (contact, event properties) pairs satisfy ``condition``; unknown contacts never do."""
    if not condition:
        return np.ones(len(contact_ids), dtype=bool)
    records = load_contacts(conn, contact_ids)
    known = np.array([cid in records for cid in contact_ids], dtype=bool)
    blank = {"id": None, "tags": [], "attributes": {}}
    frame = DbFrame([records.get(cid, blank) for cid in contact_ids], event_counter(conn), props)
    return parse_condition(condition).evaluate(frame, now) & known


def wake_on_events(conn: Connection, cw: CompiledWorkflow, now: float, limit: int = 5000) -> tuple[Counter, bool]:
    """Goals, exit events and event waits over the next ``limit`` new events; returns counts and whether more wait.
    Runs before due timers are advanced, so an event that came first wins over a timeout."""
    wf = cw.workflow
    state = conn.execute(select(WorkflowState).where(WorkflowState.workflow_id == wf.id)).one()
    events = conn.execute(_new_events(conn, state.wake_cursor).limit(limit)).all()
    done: Counter = Counter()
    if not events:
        return done, False
    if wf.goal and wf.goal.event:
        done["converted"] += _goals(conn, cw, [e for e in events if e.name == wf.goal.event], now)
    if cw.exit_event:
        done["exited"] += _exits(conn, cw, [e for e in events if e.name == cw.exit_event], now)
    done["woke"] += _waits(conn, cw, events, now)
    conn.execute(update(WorkflowState).where(WorkflowState.workflow_id == wf.id).values(wake_cursor=events[-1].id))
    return done, len(events) == limit


def enrol_on_events(conn: Connection, cw: CompiledWorkflow, now: float, limit: int = 5000) -> tuple[Counter, bool]:
    """Event triggers over the next ``limit`` new events. Runs after due timers, so a
    pass that ended before the event does not block re-entry (checked at the event's time)."""
    wf = cw.workflow
    state = conn.execute(select(WorkflowState).where(WorkflowState.workflow_id == wf.id)).one()
    events = conn.execute(_new_events(conn, state.event_cursor).limit(limit)).all()
    done: Counter = Counter()
    if not events:
        return done, False
    for node_id, rule in cw.entries:
        if isinstance(rule, OnEvent):
            hits = [e for e in events if e.name == rule.event and e.time >= state.started_at]
            if hits and rule.filter:
                ok = matching(conn, rule.filter, [e.contact_id for e in hits], [loads(e.properties, {}) for e in hits], now)
                hits = [e for e, keep in zip(hits, ok) if keep]
            done["enrolled"] += enrol(conn, cw, node_id, [e.contact_id for e in hits], now, f"event {rule.event}",
                                      at=[e.time for e in hits])
    conn.execute(update(WorkflowState).where(WorkflowState.workflow_id == wf.id).values(event_cursor=events[-1].id))
    return done, len(events) == limit


def _new_events(conn: Connection, cursor: int):
    """Events after ``cursor`` in id order, only up to the id below which all are committed (see :mod:`.dialect`)."""
    ceiling = dialect.feed_ceiling(conn, "event")
    q = select(Event).where(Event.id > cursor)
    return (q if ceiling is None else q.where(Event.id <= ceiling)).order_by(Event.id)


def _active(conn: Connection, workflow_id: str, contact_ids: set[str], *extra) -> list:
    rows = []
    ids = sorted(contact_ids)
    for start in range(0, len(ids), 900):
        rows += conn.execute(dialect.lock(conn, select(Enrolment).where(  # a worker advancing one: wait for it
            Enrolment.workflow_id == workflow_id, Enrolment.state == "active",
            Enrolment.contact_id.in_(ids[start:start + 900]), *extra).order_by(Enrolment.id))).all()
    return rows


def _goals(conn: Connection, cw: CompiledWorkflow, events: list, now: float) -> int:
    """Contacts whose goal event happened within the goal window convert, wherever they are."""
    reason = f"goal reached: {cw.workflow.goal.event}"
    return _leave(conn, cw, events, now, "converted", reason, lambda r: r.goal_until or float("inf"))


def _exits(conn: Connection, cw: CompiledWorkflow, events: list, now: float) -> int:
    """Contacts still in the workflow whose exit event happened after they entered leave it, wherever they are."""
    return _leave(conn, cw, events, now, "exited", cw.exit_reason(by_event=True), lambda r: float("inf"))


def _leave(conn: Connection, cw: CompiledWorkflow, events: list, now: float, state: str, reason: str, until) -> int:
    """Finish every active enrolment with an event between its entry and ``until(enrolment)``."""
    if not events:
        return 0
    by_contact = {r.contact_id: r for r in _active(conn, cw.workflow.id, {e.contact_id for e in events})}
    leaving: dict[int, dict] = {}
    for e in events:
        r = by_contact.get(e.contact_id)
        if r is not None and r.id not in leaving and counts_for(r.entered_at, until(r), e.time):
            leaving[r.id] = {"id": r.id, "contact_id": r.contact_id, "node_id": r.node_id}
    finish(conn, cw.workflow.id, list(leaving.values()), state, reason, now)
    return len(leaving)


def _waits(conn: Connection, cw: CompiledWorkflow, events: list, now: float) -> int:
    names = set(conn.execute(select(Enrolment.wait_event).distinct().where(
        Enrolment.workflow_id == cw.workflow.id, Enrolment.state == "active",
        Enrolment.wait_event.is_not(None))).scalars())
    events = [e for e in events if e.name in names]
    if not events:
        return 0
    waiting: dict[str, list] = defaultdict(list)
    for r in _active(conn, cw.workflow.id, {e.contact_id for e in events}, Enrolment.wait_event.in_(names)):
        waiting[r.contact_id].append(r)
    pairs = [(e, r) for e in events for r in waiting.get(e.contact_id, ())
             if r.wait_event == e.name and counts_for(r.waiting_since or 0, r.wake_at or float("inf"), e.time)]
    by_filter: dict[str, list] = defaultdict(list)
    for pair in pairs:
        by_filter[pair[1].wait_filter or ""].append(pair)
    woken: dict[int, dict] = {}
    for text, group in by_filter.items():
        ok = matching(conn, text, [r.contact_id for _, r in group], [loads(e.properties, {}) for e, _ in group], now)
        for (e, r), keep in zip(group, ok):
            if keep and r.id not in woken:  # the first matching event wakes it
                woken[r.id] = {"b_id": r.id, "resume_port": r.event_port, "wake_at": e.time, "wait_event": None,
                               "wait_reason": f"event {e.name}"}
    if woken:
        conn.execute(update(Enrolment).where(Enrolment.id == bindparam("b_id")), list(woken.values()))
    return len(woken)
