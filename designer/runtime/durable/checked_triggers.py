"""Entry rules that are checked rather than pushed: lists, segments, schedules,
date attributes, and the workflow goal and exit criteria when they are conditions.

Each trigger keeps its progress in ``trigger_state`` (a list cursor, the next
schedule firing, the last check), so a restarted engine neither repeats nor
skips an entry. Segment, date, goal and exit condition checks scan the contacts, so
they run every ``every`` seconds of the run's clock, not on every tick.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from sqlalchemy import delete, insert, select, true, update
from sqlalchemy.engine import Connection

from designer.conditions import parse as parse_condition
from designer.nodes.behaviour import InSegment, ManualList, OnDateAttribute, OnSchedule

from ..interpreter import CompiledWorkflow
from ..rules.dates import firings
from . import dialect
from .enrol import FOREVER, enrol, finish
from .events import matching
from .frames import DbFrame, event_counter, get_field, record_from_row
from .tables import Contact, Enrolment, ListEntry, SegmentMember, TriggerState

GOAL_SWEEP = "~goal"  # trigger_state row that remembers the last goal-condition sweep
EXIT_SWEEP = "~exit"  # ... and the last exit-criteria sweep


def trigger_state(conn: Connection, workflow_id: str, node_id: str):
    q = select(TriggerState).where(TriggerState.workflow_id == workflow_id, TriggerState.node_id == node_id)
    row = conn.execute(q).first()
    if row is None:
        conn.execute(insert(TriggerState).values(workflow_id=workflow_id, node_id=node_id, cursor=0))
        row = conn.execute(q).one()
    return row


def _save(conn: Connection, workflow_id: str, node_id: str, **values) -> None:
    conn.execute(update(TriggerState).where(
        TriggerState.workflow_id == workflow_id, TriggerState.node_id == node_id).values(**values))


def all_contacts(conn: Connection, size: int = 5000) -> Iterator[list[dict]]:
    after = ""
    while True:
        rows = conn.execute(select(Contact).where(Contact.id > after).order_by(Contact.id).limit(size)).all()
        if not rows:
            return
        yield [record_from_row(r) for r in rows]
        after = rows[-1].id


def audience(conn: Connection, condition: str, now: float) -> list[str]:
    """Ids of every contact matching ``condition`` (everyone when empty)."""
    cond = parse_condition(condition) if condition else None
    out: list[str] = []
    for records in all_contacts(conn):
        if cond is None:
            out += [r["id"] for r in records]
        else:
            mask = cond.evaluate(DbFrame(records, event_counter(conn)), now)
            out += [r["id"] for r, m in zip(records, mask) if m]
    return out


def check_entries(conn: Connection, cw: CompiledWorkflow, now: float, every: float) -> int:
    """Run every checked entry rule of the workflow; returns how many contacts entered."""
    entered = 0
    for node_id, rule in cw.entries:
        if isinstance(rule, ManualList):
            entered += _list(conn, cw, node_id, rule, now)
        elif isinstance(rule, InSegment):
            entered += _segment(conn, cw, node_id, rule, now, every)
        elif isinstance(rule, OnSchedule):
            entered += _schedule(conn, cw, node_id, rule, now)
        elif isinstance(rule, OnDateAttribute):
            entered += _dates(conn, cw, node_id, rule, now, every)
    return entered


def _list(conn: Connection, cw: CompiledWorkflow, node_id: str, rule: ManualList, now: float) -> int:
    cursor, entered = trigger_state(conn, cw.workflow.id, node_id).cursor, 0
    ceiling = dialect.feed_ceiling(conn, "list_entry")  # entries committed out of id order (see .dialect)
    while True:
        q = select(ListEntry.id, ListEntry.contact_id).where(ListEntry.list_name == rule.list_name, ListEntry.id > cursor)
        if ceiling is not None:
            q = q.where(ListEntry.id <= ceiling)
        rows = conn.execute(q.order_by(ListEntry.id).limit(5000)).all()
        if not rows:
            return entered
        cursor = rows[-1].id
        _save(conn, cw.workflow.id, node_id, cursor=cursor)
        entered += enrol(conn, cw, node_id, [r.contact_id for r in rows], now, f"list {rule.list_name}")


def _due(st, now: float, every: float) -> bool:
    return st.last_check is None or now - st.last_check >= every


def _segment(conn: Connection, cw: CompiledWorkflow, node_id: str, rule: InSegment, now: float, every: float) -> int:
    wf_id = cw.workflow.id
    st = trigger_state(conn, wf_id, node_id)
    if not _due(st, now, every):
        return 0
    members = SegmentMember.__table__.c
    now_in = set(audience(conn, rule.condition, now))
    before = set(conn.execute(select(members.contact_id).where(
        members.workflow_id == wf_id, members.node_id == node_id)).scalars())
    new, gone = now_in - before, before - now_in
    if new:
        conn.execute(insert(SegmentMember), [{"workflow_id": wf_id, "node_id": node_id, "contact_id": c} for c in new])
    gone_list = sorted(gone)
    for start in range(0, len(gone_list), 900):
        conn.execute(delete(SegmentMember).where(members.workflow_id == wf_id, members.node_id == node_id,
                                                 members.contact_id.in_(gone_list[start:start + 900])))
    _save(conn, wf_id, node_id, last_check=now)
    return enrol(conn, cw, node_id, sorted(new), now, "entered segment")


def _schedule(conn: Connection, cw: CompiledWorkflow, node_id: str, rule: OnSchedule, now: float) -> int:
    node = cw.nodes[node_id]
    following = getattr(node.kind, "next_occurrence", None)
    if following is None:
        return 0
    st = trigger_state(conn, cw.workflow.id, node_id)

    def after(moment: float) -> float:
        nxt = following(node.settings, datetime.fromtimestamp(moment, UTC))
        return nxt.timestamp() if nxt is not None else FOREVER

    if st.next_fire is None:  # first run: the next occurrence from now on (no back-fill)
        _save(conn, cw.workflow.id, node_id, next_fire=after(now))
        return 0
    if now < st.next_fire:
        return 0
    fired = st.next_fire
    _save(conn, cw.workflow.id, node_id, next_fire=after(max(now, fired)))  # missed firings are not repeated
    when = datetime.fromtimestamp(fired, UTC).strftime("%Y-%m-%d %H:%M UTC")
    return enrol(conn, cw, node_id, audience(conn, rule.audience, now), now, f"schedule {when}")


def _dates(conn: Connection, cw: CompiledWorkflow, node_id: str, rule: OnDateAttribute, now: float, every: float):
    st = trigger_state(conn, cw.workflow.id, node_id)
    if st.last_check is None:
        _save(conn, cw.workflow.id, node_id, last_check=now)
        return 0
    if not _due(st, now, every):
        return 0
    ids = [rec["id"] for records in all_contacts(conn) for rec in records
           if firings(rule, get_field(rec, rule.attribute), rec.get("timezone"), st.last_check, now)]
    _save(conn, cw.workflow.id, node_id, last_check=now)
    return enrol(conn, cw, node_id, ids, now, f"date {rule.attribute}")


def sweep_goal(conn: Connection, cw: CompiledWorkflow, now: float, every: float) -> int:
    """Convert active contacts who now meet the goal condition (within the goal window)."""
    if cw.goal_condition is None:
        return 0
    window = (Enrolment.goal_until.is_(None)) | (Enrolment.goal_until >= now)
    return _sweep(conn, cw, GOAL_SWEEP, cw.workflow.goal.condition, window, "converted",
                  f"goal reached: {cw.workflow.goal.condition}", now, every)


def sweep_exit(conn: Connection, cw: CompiledWorkflow, now: float, every: float) -> int:
    """Take out active contacts who now meet the exit criteria condition (run after :func:`sweep_goal`,
    so a contact meeting both counts as converted)."""
    if cw.exit_condition is None:
        return 0
    return _sweep(conn, cw, EXIT_SWEEP, cw.workflow.exit_criteria.condition, true(), "exited",
                  cw.exit_reason(by_event=False), now, every)


def _sweep(conn: Connection, cw: CompiledWorkflow, marker: str, condition: str, extra, state: str, reason: str,
           now: float, every: float) -> int:
    st = trigger_state(conn, cw.workflow.id, marker)
    if not _due(st, now, every):
        return 0
    after, hit = 0, []
    while True:
        rows = conn.execute(select(Enrolment.id, Enrolment.contact_id, Enrolment.node_id).where(
            Enrolment.workflow_id == cw.workflow.id, Enrolment.state == "active", Enrolment.id > after,
            extra).order_by(Enrolment.id).limit(5000)).all()
        if not rows:
            break
        after = rows[-1].id
        mask = matching(conn, condition, [r.contact_id for r in rows], None, now)
        hit += [{"id": r.id, "contact_id": r.contact_id, "node_id": r.node_id} for r, m in zip(rows, mask) if m]
    finish(conn, cw.workflow.id, hit, state, reason, now)
    _save(conn, cw.workflow.id, marker, last_check=now)
    return len(hit)
