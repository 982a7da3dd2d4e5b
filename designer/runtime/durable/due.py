"""Advancing due enrolments: claim -> advance -> write, in one transaction.

On SQLite the caller holds the write lock (BEGIN IMMEDIATE); on PostgreSQL
the due rows are claimed with ``FOR UPDATE SKIP LOCKED`` (see :mod:`.dialect`),
so several workers take disjoint batches. Either way the claimed rows are
this engine's until commit; a crash before commit leaves them due, and the
next run repeats the same work (same idempotency keys) from the same state.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from datetime import UTC, datetime

import numpy as np
from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Connection

from designer.i18n import Message, from_stored, stored

from ..interpreter import CompiledWorkflow, advance
from ..rules.passes import ended_by_conditions, settle
from . import dialect
from .enrol import FOREVER, finish
from .frames import event_counter, load_contacts
from .sink import QUIET, DbSink
from .tables import Enrolment

_CLEAR = {"resume_port": None, "wait_event": None, "wait_filter": None, "event_port": None, "waiting_since": None,
          "wait_reason": None, "finished_at": None, "reason": None}


def when(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%d %H:%M UTC")


def next_wake(conn: Connection, cws: Mapping[str, CompiledWorkflow]) -> float | None:
    if not cws:
        return None
    return conn.execute(select(Enrolment.wake_at).where(
        Enrolment.wake_at.is_not(None), Enrolment.state == "active", Enrolment.workflow_id.in_(list(cws)))
        .order_by(Enrolment.wake_at).limit(1)).scalar()


def advance_due(conn: Connection, cws: Mapping[str, CompiledWorkflow], now: float, limit: int, seed: int) -> Counter:
    """Advance up to ``limit`` due enrolments of these workflows (at their current versions)."""
    done: Counter = Counter()
    if not cws:
        return done
    current = [v for wid, cw in cws.items() for v in (wid, cw.version)]
    rows = dialect.fetch_dicts(conn, _claim_sql(conn, len(cws), int(limit)), [now, *current])
    if rows:  # sends and new waits: idle workers (PostgreSQL) come and help
        dialect.notify_work(conn)
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups[r["workflow_id"]].append(r)
    for wid, group in groups.items():
        done += _advance(conn, cws[wid], group, now, seed)
    done["claimed"] += len(rows)
    return done


def _claim_sql(conn: Connection, workflows: int, limit: int) -> str:
    """Due passes of ``workflows`` (workflow id, version) pairs, earliest first: along the wake-up
    index, so a batch reads only what is due (not every pass waiting in the workflow)."""
    mark = dialect.mark(conn)
    current = " OR ".join([f"(workflow_id = {mark} AND version = {mark})"] * workflows)
    return (f"SELECT {', '.join(Enrolment.__table__.columns.keys())} "
            f"FROM {dialect.read_along(conn, Enrolment.__tablename__, 'ix_enrolment_wake')} "
            f"WHERE wake_at <= {mark} AND state = 'active' AND ({current}) "
            f"ORDER BY wake_at LIMIT {limit}{dialect.claim_text(conn)}")


def _advance(conn: Connection, cw: CompiledWorkflow, enrolments: list[dict], now: float, seed: int) -> Counter:
    contacts = load_contacts(conn, [e["contact_id"] for e in enrolments], lock=True)  # journeys change them
    gone = [e for e in enrolments if e["contact_id"] not in contacts]
    finish(conn, cw.workflow.id, gone, "exited", "the contact is no longer in the database", now)
    live = [e for e in enrolments if e["contact_id"] in contacts]
    sink = DbSink(cw, live, [contacts[e["contact_id"]] for e in live], event_counter(conn), now)
    updates: list[dict] = []

    def end(i: int, node_id: str, state: str, reason: str) -> None:
        updates.append({**_CLEAR, "b_id": live[i]["id"], "node_id": node_id, "state": state, "wake_at": None,
                        "finished_at": now, "reason": reason})
        sink.step(i, node_id, state, reason)
        sink.counts[node_id][state] += 1

    # A contact that meets the goal, or else the exit criteria, leaves where it stands.
    converted, leaving = _conditions(cw, sink, np.arange(len(live)), now)
    for i in converted:
        end(i, live[i]["node_id"], "converted", f"goal reached: {cw.workflow.goal.condition}")
    for i in leaving:
        end(i, live[i]["node_id"], "exited", cw.exit_reason(by_event=False))
    positions: dict[str, list[int]] = defaultdict(list)
    woke = 0
    for i, e in enumerate(live):
        if i in converted or i in leaving:
            continue
        if e["resume_port"]:
            woke += 1
            why = e["wait_reason"] or ""
            sink.step(i, e["node_id"], "passed", why if why.startswith("event ") else "time's up", port=e["resume_port"])
            sink.counts[e["node_id"]]["passed"] += 1
            target = cw.route(e["node_id"], e["resume_port"])
            if target is None:
                end(i, e["node_id"], "exited", f"end of path after '{cw.nodes[e['node_id']].title}'")
            else:
                positions[target].append(i)
        else:
            if e["wait_reason"] == QUIET:
                sink.rerun[i] = e["node_id"]
            positions[e["node_id"]].append(i)
    rng = np.random.default_rng([seed, int(live[0]["id"]) if live else 0, int(now)])
    out = advance(cw, {k: np.asarray(v, dtype=np.int64) for k, v in positions.items()}, now, rng, sink)

    # The journey's own updates may meet the goal, or the exit criteria: they end where they stopped.
    late, out_now = (set(r.tolist()) for r in settle(cw, out, sink.frame, lambda rows: _goal_open(sink, rows, now), now))
    for w in out.waiting:
        node = cw.nodes[w.node_id]
        why = (Message("reason.step-waiting-for", {"step": node.title, "event": w.wait.event}) if w.wait.event
               else Message("reason.step", {"step": node.title}))
        reason = stored(why)  # code and parameters: read in the reader's language (designer.i18n)
        until = np.broadcast_to(np.asarray(w.wait.until, dtype=float), (len(w.rows),))
        said: dict[float, str] = {}  # the group mostly waits until one moment: one stored text for it
        for i, u in zip(w.rows.tolist(), until.tolist()):
            if i in late or i in out_now:
                continue
            u = u if math.isfinite(u) else FOREVER
            updates.append({**_CLEAR, "b_id": live[i]["id"], "node_id": w.node_id, "state": "active", "wake_at": u,
                            "resume_port": w.wait.timer_port, "wait_event": w.wait.event,
                            "wait_filter": w.wait.event_filter or None, "event_port": w.wait.event_port,
                            "waiting_since": now, "wait_reason": reason})
            if u not in said:
                said[u] = stored(Message("reason.until", {"reason": why, "until": when(u)})) if u < FOREVER else reason
            sink.step(i, w.node_id, "waiting", said[u])
    for h in out.held:
        for i, u in zip(h.rows.tolist(), h.until.tolist()):
            if i in late or i in out_now:
                continue
            updates.append({**_CLEAR, "b_id": live[i]["id"], "node_id": h.node_id, "state": "active", "wake_at": u,
                            "waiting_since": now, "wait_reason": h.reason})
            sink.step(i, h.node_id, "deferred",
                      stored(Message("reason.until", {"reason": from_stored(h.reason), "until": when(u)})))
    for i in late:
        end(i, _where(out, i), "converted", f"goal reached: {cw.workflow.goal.condition}")
    for i in out_now:
        end(i, _where(out, i), "exited", cw.exit_reason(by_event=False))
    for f in out.finished:
        for i in f.rows.tolist():
            if i not in late:
                end(i, f.node_id, "converted" if f.finish.converted else "exited", f.finish.reason)
    sink.flush(conn, now)
    dialect.executemany(conn, "enrolment", lambda: update(Enrolment).where(Enrolment.id == bindparam("b_id")), updates)
    visits = sum(c["entered"] for c in sink.counts.values()) + woke
    finished = {i for f in out.finished for i in f.rows.tolist()} | set(converted) | leaving | late | out_now
    return Counter(steps=visits, finished=len(finished))


def _conditions(cw: CompiledWorkflow, sink: DbSink, rows: np.ndarray, now: float) -> tuple[set[int], set[int]]:
    """The rows that convert by the goal condition, and those of the rest that leave by the exit criteria."""
    if not len(rows) or (cw.goal_condition is None and cw.exit_condition is None):
        return set(), set()
    converted, exited = ended_by_conditions(cw, sink.frame(rows), _goal_open(sink, rows, now), now)
    return set(rows[converted].tolist()), set(rows[exited].tolist())


def _goal_open(sink: DbSink, rows: np.ndarray, now: float) -> np.ndarray:
    until = np.array([sink.enrolments[i]["goal_until"] for i in rows.tolist()], dtype=float)  # None: NaN
    return np.isnan(until) | (until >= now)


def _where(out, i: int) -> str:
    for group in (*out.waiting, *out.held, *out.finished):
        if i in group.rows:
            return group.node_id
    raise KeyError(i)

