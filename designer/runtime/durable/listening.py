"""When a journey starts listening for its trigger events, and why a contact was not enrolled.

Imported history never starts a journey; events recorded live do, even those
recorded before the journey first ran. Two marks in ``journey_meta`` say which
is which: ``history_until`` (the newest imported history event: importing last
month's events does not start last month's journeys) and ``first_live`` (the
earliest event recorded live, e.g. ``journey event``). Journeys that run on a
database for the first time listen from the first live event after the
history; a journey added to a database that already runs others listens from
its own first run (it was published then), so it does not pick up the events
of months before it existed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from designer.blueprint import Workflow
from designer.conditions import parse as parse_condition
from designer.nodes import get_kind
from designer.nodes.behaviour import InSegment, ManualList, OnEvent

from .due import when
from .frames import DbFrame, event_counter, load_contacts
from .store import loads
from .tables import Event, ListEntry, Meta, WorkflowState, WorkflowVersion

HISTORY_UNTIL = "history_until"
FIRST_LIVE = "first_live"


def _get(conn: Connection, key: str) -> float | None:
    value = conn.execute(select(Meta.value).where(Meta.key == key)).scalar()
    return float(value) if value is not None else None


def _keep(conn: Connection, key: str, moment: float, better) -> None:
    old = _get(conn, key)
    if old is None:
        conn.execute(insert(Meta).values(key=key, value=repr(float(moment))))
    elif better(moment, old) != old:
        conn.execute(update(Meta).where(Meta.key == key).values(value=repr(float(better(moment, old)))))


def note_history(conn: Connection, times: Iterable[float]) -> None:
    """Imported events (up to the newest of ``times``) are history: they never start a journey."""
    newest = max(times, default=None)
    if newest is not None:
        _keep(conn, HISTORY_UNTIL, newest, max)


def note_live(conn: Connection, moment: float) -> None:
    """An event recorded live at ``moment``: journeys run here for the first time will count it."""
    _keep(conn, FIRST_LIVE, moment, min)


def listen_from(conn: Connection, now: float) -> float:
    """When a workflow first registered ``now`` starts counting trigger events."""
    ran_before = conn.execute(select(func.count()).select_from(WorkflowVersion)
                              .where(WorkflowVersion.first_run < now)).scalar()
    live = _get(conn, FIRST_LIVE)
    if ran_before or live is None:
        return now
    history = _get(conn, HISTORY_UNTIL)
    if history is not None and live <= history:
        live = history + 1e-3  # a live event back-dated into the history: the history still does not count
    return min(now, live)


# --- explaining it ---------------------------------------------------------------


def not_enrolled(conn: Connection, contact_id: str, inside: Iterable[str], now: float) -> list[dict]:
    """For each workflow run here that the contact never entered (not in ``inside``): why not,
    as ``{"workflow", "name", "reason"}``."""
    inside = set(inside)
    out = []
    for state in conn.execute(select(WorkflowState).order_by(WorkflowState.workflow_id)).all():
        if state.workflow_id in inside:
            continue
        row = conn.execute(select(WorkflowVersion).where(WorkflowVersion.workflow_id == state.workflow_id,
                                                         WorkflowVersion.version == state.version)).first()
        if row is None:
            continue
        workflow = Workflow.model_validate(loads(row.definition, {}))
        reasons = [_why(conn, contact_id, state, rule, now) for rule in _entry_rules(workflow)]
        out.append({"workflow": state.workflow_id, "name": row.name,
                    "reason": "; ".join(reasons) or "the journey has no trigger that enrols contacts here"})
    return out


def _entry_rules(workflow: Workflow) -> list:
    rules = []
    for node in workflow.nodes:
        kind = get_kind(node.kind)
        if kind is not None and kind.is_trigger:
            settings = kind.try_parse(node.settings)
            if settings is not None:
                rules.append(kind.entry(settings))  # type: ignore[attr-defined]
    return rules


def _why(conn: Connection, contact_id: str, state, rule, now: float) -> str:
    if isinstance(rule, OnEvent):
        events = conn.execute(select(Event).where(Event.contact_id == contact_id, Event.name == rule.event)
                              .order_by(Event.time)).all()
        if not events:
            return f"no {rule.event} event"
        if all(e.time < state.started_at for e in events):
            return (f"every {rule.event} event came before the journey started listening "
                    f"({when(state.started_at)}): imported history does not start journeys")
        fresh = [e for e in events if e.time >= state.started_at]
        if rule.filter and not _any_match(conn, rule.filter, contact_id, [loads(e.properties, {}) for e in fresh], now):
            return f"no {rule.event} event matched the trigger's filter ({rule.filter})"
        if fresh[-1].id > state.event_cursor:
            return f"{rule.event} at {when(fresh[-1].time)} is not processed yet (the journey has not run since)"
        return f"{rule.event} came but the re-entry rule kept the contact out"
    if isinstance(rule, ManualList):
        on = conn.execute(select(ListEntry.id).where(ListEntry.contact_id == contact_id,
                                                     ListEntry.list_name == rule.list_name)).first()
        return f"not on list {rule.list_name}" if on is None else f"on list {rule.list_name}, not processed yet"
    if isinstance(rule, InSegment):
        return f"not in the segment ({rule.condition}) when it was last checked"
    return "its schedule or date trigger has not picked the contact"


def _any_match(conn: Connection, condition: str, contact_id: str, props: list[Mapping], now: float) -> bool:
    record = load_contacts(conn, [contact_id]).get(contact_id)
    if record is None or not props:
        return False
    frame = DbFrame([record] * len(props), event_counter(conn), props)
    return bool(parse_condition(condition).evaluate(frame, now).any())
