"""Workflow versions: an edited workflow is a new version (its content hash).

When an engine starts with a new version, contacts still inside the workflow
are moved to it: a contact continues where it stands when that step still
exists (same node id) and, if it waits to leave by an output, that output
still exists; otherwise it exits with the reason recorded. A wait keeps the
wake-up time it was given (editing "wait 2 days" to "3 days" does not re-time
contacts already waiting). Schedules are re-read from the new settings.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Connection

from designer.nodes import get_kind

from ..interpreter import CompiledWorkflow
from . import dialect
from .enrol import finish
from .listening import listen_from
from .store import dumps, loads
from .tables import Enrolment, Step, TriggerState, WorkflowState, WorkflowVersion


def register(conn: Connection, cw: CompiledWorkflow, now: float) -> Counter:
    """Record this version and move active contacts onto it; returns counts (moved, exited)."""
    wf = cw.workflow
    dialect.serialise(conn, f"workflow {wf.id}")  # workers starting together register it once
    conn.execute(dialect.insert_or_ignore(conn, WorkflowVersion).values(
        workflow_id=wf.id, version=cw.version, name=wf.name, first_run=now,
        definition=dumps(wf.model_dump(mode="json"))))
    state = conn.execute(select(WorkflowState).where(WorkflowState.workflow_id == wf.id)).first()
    if state is None:
        conn.execute(insert(WorkflowState).values(workflow_id=wf.id, version=cw.version,
                                                  started_at=listen_from(conn, now), event_cursor=0))
        return Counter()
    done = _migrate(conn, cw, now)
    if state.version != cw.version:
        conn.execute(update(WorkflowState).where(WorkflowState.workflow_id == wf.id).values(version=cw.version))
        conn.execute(update(TriggerState).where(TriggerState.workflow_id == wf.id).values(next_fire=None))
    return done


def titles(conn: Connection, workflow_id: str) -> dict[str, str]:
    """Node titles across every version that ran (the newest given title wins), for messages about removed steps."""
    out: dict[str, str] = {}
    rows = conn.execute(select(WorkflowVersion.definition).where(WorkflowVersion.workflow_id == workflow_id)
                        .order_by(WorkflowVersion.first_run)).scalars()
    for definition in rows:
        for node in loads(definition, {}).get("nodes", []):
            if node.get("title") or node["id"] not in out:
                kind = get_kind(node.get("kind", ""))
                out[node["id"]] = node.get("title") or (kind.label if kind else node["id"])
    return out


def _migrate(conn: Connection, cw: CompiledWorkflow, now: float) -> Counter:
    wf = cw.workflow
    rows = conn.execute(select(Enrolment.id, Enrolment.contact_id, Enrolment.node_id, Enrolment.resume_port).where(
        Enrolment.workflow_id == wf.id, Enrolment.state == "active", Enrolment.version != cw.version)).all()
    if not rows:
        return Counter()
    names = titles(conn, wf.id)
    short = cw.version[:8]
    moved: list[dict] = []
    exits: dict[str, list[dict]] = {}
    for r in rows:
        node = cw.nodes.get(r.node_id)
        title = names.get(r.node_id, r.node_id)
        if node is None:
            reason = f"step '{title}' was removed in version {short}"
        elif r.resume_port and r.resume_port not in {p.id for p in node.kind.ports(node.settings)}:
            reason = f"output '{r.resume_port}' of '{title}' was removed in version {short}"
        else:
            moved.append({"b_id": r.id, "version": cw.version})
            continue
        exits.setdefault(reason, []).append({"id": r.id, "contact_id": r.contact_id, "node_id": r.node_id})
    if moved:
        conn.execute(update(Enrolment).where(Enrolment.id == bindparam("b_id")), moved)
        by_id = {r.id: r for r in rows}
        conn.execute(insert(Step), [
            {"enrolment_id": m["b_id"], "contact_id": by_id[m["b_id"]].contact_id, "workflow_id": wf.id,
             "node_id": by_id[m["b_id"]].node_id, "port": None, "at": now, "what": "migrated",
             "detail": f"continues in version {short}"} for m in moved])
    for reason, group in exits.items():
        finish(conn, wf.id, group, "exited", reason, now)
    return Counter(moved=len(moved), exited=sum(len(g) for g in exits.values()))
