"""What the database says about a run: status per node, the outbox, one contact's trace.

Plain dicts (for ``--json`` and the UI) plus text renderings for the terminal.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from designer.i18n import Message, format_datetime, from_stored, language, pad, render
from designer.i18n.messages import MESSAGES as WHAT  # what.<step kind> words
from designer.timewindows import zone

from .contacts import display_name, resolve_contact
from .enrol import FOREVER
from .frames import load_contacts
from .listening import not_enrolled
from .store import Store, loads
from .tables import Enrolment, NodeCount, Outbox, Step, WorkflowState, WorkflowVersion
from .versions import titles


def iso(moment: float | None) -> str | None:
    if moment is None or moment >= FOREVER:
        return None
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def local(moment: float, tz: str | None, now: float | None = None) -> str:
    """'Tue 09:00' within the coming week (in the contact's zone), else with the date."""
    at = datetime.fromtimestamp(moment, zone(tz))
    soon = now is not None and -86400 < moment - now < 6 * 86400
    if language() != "en":  # the reader's weekday names (Babel); English as it always was
        return format_datetime(at, fmt="EEE HH:mm" if soon else "yyyy-MM-dd EEE HH:mm")
    if soon:
        return at.strftime("%a %H:%M")
    return at.strftime("%a %d %b %Y %H:%M")


def status(store: Store) -> dict:
    with store.read() as conn:
        clock = conn.exec_driver_sql("SELECT value FROM journey_meta WHERE key = 'clock'").scalar()
        states = conn.execute(select(WorkflowState)).all()
        counts = {(r.workflow_id, r.node_id): r for r in conn.execute(select(NodeCount))}
        waiting = Counter({(w, n): c for w, n, c in conn.execute(
            select(Enrolment.workflow_id, Enrolment.node_id, func.count()).where(Enrolment.state == "active")
            .group_by(Enrolment.workflow_id, Enrolment.node_id))})
        totals = defaultdict(Counter)
        for w, s, c in conn.execute(select(Enrolment.workflow_id, Enrolment.state, func.count())
                                    .group_by(Enrolment.workflow_id, Enrolment.state)):
            totals[w][s] = c
        outbox = dict(conn.execute(select(Outbox.state, func.count()).group_by(Outbox.state)).all())
        workflows = []
        for st in states:
            definition = loads(conn.execute(select(WorkflowVersion.definition).where(
                WorkflowVersion.workflow_id == st.workflow_id, WorkflowVersion.version == st.version)).scalar(), {})
            names = titles(conn, st.workflow_id)
            order = [n["id"] for n in definition.get("nodes", [])]
            seen = {n for (w, n) in set(counts) | set(waiting) if w == st.workflow_id}
            nodes = []
            for node_id in order + sorted(seen - set(order)):
                c = counts.get((st.workflow_id, node_id))
                nodes.append({"node": node_id, "title": names.get(node_id, node_id), "removed": node_id not in order,
                              "entered": c.entered if c else 0, "waiting": waiting[(st.workflow_id, node_id)],
                              "passed": c.passed if c else 0, "converted": c.converted if c else 0,
                              "exited": c.exited if c else 0})
            t = totals[st.workflow_id]
            workflows.append({"workflow": st.workflow_id, "name": definition.get("name", st.workflow_id),
                              "version": st.version, "started": iso(st.started_at),
                              "enrolments": sum(t.values()), "active": t["active"], "converted": t["converted"],
                              "exited": t["exited"], "nodes": nodes})
    return {"clock": iso(float(clock)) if clock else None, "workflows": workflows, "outbox": outbox}


def status_text(data: dict) -> str:
    def t(code: str, **params) -> str:
        return render(Message(code, params))

    if not data["workflows"]:
        return t("status.none")
    lines = [t("status.clock", clock=data["clock"])]
    for w in data["workflows"]:
        lines.append("\n" + t("status.workflow", name=w["name"], workflow=w["workflow"], version=w["version"][:8],
                                enrolled=w["enrolments"], active=w["active"], converted=w["converted"],
                                exited=w["exited"]))
        lines.append(f"  {pad(t('report.col-step'), 34)}{pad(t('report.col-entered'), 9, True)}"
                     f"{pad(t('report.col-waiting'), 9, True)}{pad(t('report.col-passed'), 9, True)}"
                     f"{pad(t('report.col-converted'), 11, True)}{pad(t('report.col-exited'), 8, True)}")
        for n in w["nodes"]:
            title = n["title"] + (t("status.removed") if n["removed"] else "")
            lines.append(f"  {pad(pad(title, 33).rstrip(), 34)}{n['entered']:>9}{n['waiting']:>9}{n['passed']:>9}"
                         f"{n['converted']:>11}{n['exited']:>8}")
    box = t("report.list-sep").join(f"{state_word(k)} {v}" for k, v in sorted(data["outbox"].items())) or t("status.empty")
    lines.append("\n" + t("status.outbox", box=box))
    return "\n".join(lines)


def outbox(store: Store, state: str | None = None, limit: int = 1000) -> list[dict]:
    with store.read() as conn:
        q = select(Outbox).order_by(Outbox.id).limit(limit)
        if state:
            q = q.where(Outbox.state == state)
        rows = conn.execute(q).all()
    return [{"key": r.key, "channel": r.channel, "state": r.state, "contact": r.contact_id, "workflow": r.workflow_id,
             "node": r.node_id, "to": loads(r.payload, {}).get("to"), "attempts": r.attempts,
             "connector": r.connector, "created": iso(r.created_at), "sent": iso(r.sent_at), "error": r.last_error,
             "response": r.response} for r in rows]


def outbox_text(rows: list[dict]) -> str:
    if not rows:
        return render(Message("outbox.empty"))
    head = [render(Message(f"outbox.col-{c}")) for c in ("key", "channel", "state", "contact", "tries", "detail")]
    lines = [f"{pad(head[0], 34)}{pad(head[1], 11)}{pad(head[2], 11)}{pad(head[3], 12)}{pad(head[4], 5, True)}  {head[5]}"]
    for r in rows:
        detail = render(from_stored(r["error"])) if r["error"] else (r["response"] or (r["to"] or ""))
        lines.append(f"{r['key']:<34}{r['channel']:<11}{pad(state_word(r['state']), 11)}{r['contact']:<12}"
                     f"{r['attempts']:>5}  {detail}")
    return "\n".join(lines)


def trace(store: Store, ref: str) -> dict | None:
    with store.read() as conn:
        cid = resolve_contact(conn, ref)
        if cid is None:
            return None
        contact = load_contacts(conn, [cid])[cid]
        clock = conn.exec_driver_sql("SELECT value FROM journey_meta WHERE key = 'clock'").scalar()
        now = float(clock) if clock else None
        passes = []
        for e in conn.execute(select(Enrolment).where(Enrolment.contact_id == cid).order_by(Enrolment.id)).all():
            names = titles(conn, e.workflow_id)
            steps = [{"at": iso(s.at), "node": s.node_id, "title": names.get(s.node_id, s.node_id), "what": s.what,
                      "port": s.port, **_detail(s.detail)}
                     for s in conn.execute(select(Step).where(Step.enrolment_id == e.id).order_by(Step.id))]
            passes.append({"workflow": e.workflow_id, "pass": e.seq, "version": e.version, "state": e.state,
                           "entered": iso(e.entered_at), "finished": iso(e.finished_at), "reason": e.reason,
                           "node": e.node_id, "title": names.get(e.node_id, e.node_id),
                           "now": _now_text(e, contact.get("timezone"), now), "steps": steps})
        messages = outbox_for(conn, cid)
        outside = not_enrolled(conn, cid, {p["workflow"] for p in passes}, now if now is not None else time.time())
    return {"contact": contact, "passes": passes, "messages": messages, "not_enrolled": outside}


def outbox_for(conn: Connection, cid: str) -> list[dict]:
    return [{"key": r.key, "channel": r.channel, "state": r.state, "node": r.node_id, "error": r.last_error}
            for r in conn.execute(select(Outbox).where(Outbox.contact_id == cid).order_by(Outbox.id))]


def _detail(text: str | None) -> dict:
    """A step's stored detail: its text in the reader's language, and its code when it has one."""
    message = from_stored(text)
    out = {"detail": render(message) or None}
    if isinstance(message, Message):
        out["detail_id"] = message.to_json()
    return out


def _now_text(e, tz: str | None, now: float | None) -> str:
    if e.state == "converted":
        return render(Message("now.converted", {"reason": e.reason}))
    if e.state == "exited":
        return render(Message("now.exited", {"reason": e.reason}))
    if e.wake_at is None or e.wake_at >= FOREVER:
        return render(Message("now.waiting-for", {"event": e.wait_event}) if e.wait_event else Message("now.waiting"))
    if now is not None and e.wake_at <= now:
        return render(Message("now.due"))
    why = from_stored(e.wait_reason) or Message("reason.wait")
    if e.wait_event:
        why = Message("reason.or-sooner", {"reason": why})
    return render(Message("now.waiting-until", {"at": local(e.wake_at, tz, now), "reason": why}))


def what_word(what: str) -> str:
    """A step's record (enrolled, passed, waiting ...) in the reader's words."""
    return render(Message(f"what.{what}")) if f"what.{what}" in WHAT else what


def state_word(state: str) -> str:
    """An outbox state (pending, sent, failed ...) in the reader's words; the stored state stays the code."""
    return render(Message(f"outbox.{state}")) if f"outbox.{state}" in WHAT else state


def trace_text(data: dict) -> str:
    c = data["contact"]
    name = display_name(c) or c["id"]
    email = c.get("email") or render(Message("trace.no-email"))
    lines = [render(Message("trace.head", {"name": name, "email": email, "id": c["id"],
                                           "zone": c.get("timezone") or "UTC"}))]
    if not data["passes"]:
        lines.append(render(Message("trace.in-no-journey")))
    for n in data.get("not_enrolled", ()):
        lines.append(render(Message("trace.not-in", {"workflow": n["workflow"], "name": n["name"],
                                                     "reason": n["reason"]})))
    for p in data["passes"]:
        lines.append("\n" + render(Message("trace.pass", {"workflow": p["workflow"], "pass": p["pass"], "now": p["now"]})))
        for s in p["steps"]:
            port = f" -> {s['port']}" if s["port"] else ""
            what = what_word(s["what"]) + port
            if s["detail"]:
                what = render(Message("trace.step-detail", {"what": what, "detail": s["detail"]}))
            lines.append(f"  {s['at']}  {pad(s['title'], 28)} {what}")
    if data["messages"]:
        lines.append("\n" + render(Message("trace.messages")))
    for m in data["messages"]:
        why = f": {render(from_stored(m['error']))}" if m["error"] else ""
        lines.append(f"  {m['key'][:12]}  {m['channel']:<10} {state_word(m['state'])}{why}")
    return "\n".join(lines)
