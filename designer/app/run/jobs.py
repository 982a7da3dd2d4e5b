"""The one door from the Run panel into the runtime: every call the app makes
into ``designer.runtime`` goes through here, so a move of the runtime's
modules is a fix in this file alone.

Plain Python (no Qt): :func:`dry_run_job` runs in a worker process.
"""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from designer.fileformat import from_data, sibling_db, to_data
from designer.nodes import Family, get_kind

if TYPE_CHECKING:
    from designer.blueprint import Blueprint
    from designer.runtime.engine import Engine
    from designer.runtime.store import Store

# The runtime (numpy, SQLAlchemy) loads on first use, never with the window: each function
# below imports what it calls. Names other modules read from here resolve the same way.
_LAZY = {"StoreError": "designer.runtime.store", "dumps": "designer.runtime.store", "Store": "designer.runtime.store"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)


TABLE_LIMIT = 10_000  # contacts listed in the explorer (the forecast covers them all)

# --- the dry-run, in a worker process ----------------------------------------------

_progress = None  # multiprocessing.Queue: (job, fraction, message)
_control = None  # multiprocessing.Array('i', 2): [cancelled job, paused 0/1]


def init_worker(progress, control) -> None:
    """Process-pool initializer: the channels shared with the UI process."""
    global _progress, _control
    _progress, _control = progress, control


def warm_up() -> bool:
    """Submitted once when the pool starts, so the first dry-run finds the runtime imported."""
    return True


def dry_run_job(job: int, data: dict, contacts: str, days: int | None, seed: int, runs: int,
                db: str | None, source_file: str = "") -> dict[str, Any]:
    """Run the forecast; returns {"report", "contacts", "run_id"} or {"cancelled"} / {"problems"} / {"error"}."""
    from designer.runtime.dryrun import forecast_store
    from designer.runtime.dryrun.forecast import run_forecast
    from designer.runtime.dryrun.simulator import Cancelled
    from designer.runtime.interpreter import JourneyInvalid

    blueprint = from_data(data)
    sent = [-1.0, 0.0]  # last fraction and time put on the queue: at most ~20 messages a second

    def progress(fraction: float, message: str) -> None:
        now = time.monotonic()
        if _progress is not None and (fraction >= 1 or now - sent[1] >= 0.05 or fraction - sent[0] >= 0.02):
            sent[:] = [fraction, now]
            _progress.put((job, fraction, message))
        while _control is not None and _control[1] and _control[0] != job:
            time.sleep(0.05)  # paused

    def cancel() -> bool:
        return _control is not None and _control[0] == job

    try:
        report = run_forecast(blueprint, contacts, days=days, seed=seed, runs=runs, progress=progress, cancel=cancel)
    except Cancelled:
        return {"cancelled": True}
    except JourneyInvalid as err:
        return {"problems": [{"workflow": p.workflow_id, "nodes": list(p.node_ids), "message": p.message}
                             for p in err.problems]}
    except ValueError as err:
        return {"error": str(err)}
    run_id = None
    if db and not cancel():
        run_id = forecast_store.save_forecast(db, report, source_file=source_file, contacts_source=str(contacts))
    return {"report": report, "contacts": table_of(contact_records(contacts)), "run_id": run_id}


def run_in_process(data: dict, contacts: str | int, days: int | None = None, seed: int = 1,
                   runs: int = 1) -> dict[str, Any]:
    """The same forecast, in this process (the CLI's numbers, for checks)."""
    from designer.runtime.dryrun.forecast import run_forecast

    return run_forecast(from_data(data), contacts, days=days, seed=seed, runs=runs)


def table_of(records: list[dict]) -> dict[str, list]:
    """Contacts as columns of strings and numbers, each record as one JSON string: what the
    explorer lists, in a shape that crosses from the worker and lands in the UI without making
    thousands of dicts (a full garbage collection over them stalled the UI)."""
    get = [(name, name) for name in ("id", "first_name", "last_name", "email", "stage")]
    out: dict[str, list] = {name: [str(r.get(key) or "") for r in records] for name, key in get}
    out["score"] = [int(r.get("score") or 0) for r in records]
    out["tags"] = [", ".join(r.get("tags") or []) for r in records]
    out["record"] = [json.dumps(r, ensure_ascii=False, default=str) for r in records]
    return out


def contact_records(spec: str | int, limit: int = TABLE_LIMIT) -> list[dict]:
    """The contacts a dry-run used, as records (the sample's shape), for the explorer and previews."""
    from designer.runtime.dryrun.forecast import load_contacts

    store, _ = load_contacts(spec)
    import numpy as np

    rows = np.arange(min(store.n, limit))
    names = [n for n in store.columns if n != "id"] + list(store.lazy)
    cols = {n: store.value(n, rows).tolist() for n in names}
    ids = store.ids[rows].tolist()
    stages = store.value("stage", rows).tolist()
    zones = store.value("timezone", rows).tolist()
    tags = store.value("tags", rows).tolist()
    consent = {ch: col[rows].tolist() for ch, col in store.consent.items()}
    core = {"first_name", "last_name", "email", "phone", "wechat_id"}
    out = []
    for k, cid in enumerate(ids):
        rec = {"id": str(cid), "stage": stages[k], "timezone": zones[k], "score": int(store.score[k]),
               "tags": tags[k], "consent": {ch: bool(v[k]) for ch, v in consent.items()}}
        for n in core:
            rec[n] = cols[n][k] if n in cols else None
        rec["attributes"] = {n: v[k] for n, v in cols.items() if n not in core and v[k] is not None}
        out.append(rec)
    return out


# --- results kept with the file ---------------------------------------------------------

def results_db(blueprint_path: str | Path | None) -> Path | None:
    """``journey.json`` -> ``journey.db`` beside it (None for an unsaved blueprint)."""
    return sibling_db(blueprint_path) if blueprint_path else None


def past_runs(db: str | Path) -> list[dict]:
    if not Path(db).is_file():
        return []  # most files have none: the runtime stays unloaded
    from designer.runtime.dryrun import forecast_store

    return forecast_store.list_runs(db)


def load_result(db: str | Path, run_id: int | None = None) -> dict | None:
    if not Path(db).is_file():
        return None
    from designer.runtime.dryrun import forecast_store

    return forecast_store.load_forecast(db, run_id)


def load_path(db: str | Path, run_id: int, contact_id: str) -> list[dict] | None:
    from designer.runtime.dryrun import forecast_store

    return forecast_store.load_path(db, run_id, contact_id)


def end_nodes(blueprint: Blueprint) -> set[tuple[str, str]]:
    """(workflow, node) of every end step: exits there are the journey's design, not a drop-out."""
    out = set()
    for wf in blueprint.workflows:
        for n in wf.nodes:
            kind = get_kind(n.kind)
            if kind is not None and kind.family == Family.END:
                out.add((wf.id, n.id))
    return out


def event_names(blueprint: Blueprint, triggers_only: bool = False) -> list[str]:
    """Events the journeys react to (goals, event waits, event triggers): what demo mode can fire."""
    names = []
    for wf in blueprint.workflows:
        if wf.goal is not None and wf.goal.event and not triggers_only:
            names.append(wf.goal.event)
        for n in wf.nodes:
            kind = get_kind(n.kind)
            event = (n.settings or {}).get("event")
            if isinstance(event, str) and event and (not triggers_only or kind and kind.family == Family.TRIGGER):
                names.append(event)
    return sorted(set(names))


# --- the durable engine (run from a worker thread) ------------------------------------------

def open_store(db: str | Path) -> Store:
    from designer.runtime.store import Store

    return Store(db)


def make_engine(store: Store, blueprint: Blueprint, speed: float) -> Engine:
    """An engine on a demo clock running ``speed`` times the wall clock, from where the database's clock stopped.
    Raises JourneyInvalid."""
    from designer.runtime.clock import DemoClock
    from designer.runtime.engine import Engine

    start = max(time.time(), store.clock_now() or 0.0)
    return Engine(store, blueprint, DemoClock(speed, start))


def fill_with_sample(store: Store, n: int = 1000) -> int:
    from designer.runtime.contacts import load_sample

    with store.read() as conn:
        has = conn.exec_driver_sql("SELECT count(*) FROM contact").scalar()
    if has:
        return 0
    return load_sample(store, n, end=max(time.time(), store.clock_now() or 0.0)).inserted


def status(store: Store) -> dict:
    from designer.runtime import report as db_report

    return db_report.status(store)


def trace(store: Store, contact_id: str) -> dict | None:
    from designer.runtime import report as db_report

    return db_report.trace(store, contact_id)


def outbox(store: Store, state: str | None = None) -> list[dict]:
    from designer.runtime import report as db_report

    return db_report.outbox(store, state)


def db_contacts(store: Store, limit: int = TABLE_LIMIT) -> list[dict]:
    from designer.runtime.durable.checked_triggers import all_contacts

    out: list[dict] = []
    with store.read() as conn:
        for records in all_contacts(conn):
            out += records[: limit - len(out)]
            if len(out) >= limit:
                break
    return out


def whereabouts(store: Store, titles: dict[str, str]) -> dict[str, str]:
    """Contact id -> where its latest pass is: waiting at a step, converted or exited (one query)."""
    out = {}
    with store.read() as conn:
        for cid, node, state, reason in conn.exec_driver_sql(
                "SELECT contact_id, node_id, state, reason FROM enrolment ORDER BY id"):
            out[cid] = f"at {titles.get(node, node)}" if state == "active" else f"{state}: {reason or ''}".strip(": ")
    return out


def fire_event(store: Store, contact_ref: str, name: str) -> str | None:
    """Record ``name`` for the contact now (on the database's clock); its id, or None if unknown."""
    from designer.runtime.contacts import add_events, resolve_contact

    with store.write() as conn:
        cid = resolve_contact(conn, contact_ref)
        if cid is not None:
            at = conn.exec_driver_sql("SELECT value FROM journey_meta WHERE key = 'clock'").scalar()
            add_events(conn, [{"contact_id": cid, "name": name, "time": float(at) if at else time.time(),
                               "properties": {}}])
    return cid


def arrive(store: Store, events: list[str], k: int, seed: int) -> int:
    """Demo arrivals: ``k`` contacts not yet in any journey do one of the trigger ``events`` now."""
    import random

    from designer.runtime.contacts import add_events

    if not events or k <= 0:
        return 0
    with store.write() as conn:
        ids = [r[0] for r in conn.exec_driver_sql(
            "SELECT id FROM contact WHERE id NOT IN (SELECT contact_id FROM enrolment) ORDER BY id").fetchall()]
        at = conn.exec_driver_sql("SELECT value FROM journey_meta WHERE key = 'clock'").scalar()
        chosen = random.Random(seed).sample(ids, min(k, len(ids)))
        add_events(conn, [{"contact_id": c, "name": random.Random(c).choice(events),
                           "time": float(at) if at else time.time(), "properties": {}} for c in chosen])
    return len(chosen)


# --- message preview and test sends ----------------------------------------------------------

def preview(blueprint: Blueprint, workflow_id: str, node_id: str, contact: dict) -> dict | None:
    """The message ``node_id`` would send ``contact``: channel, to, content (placeholders filled),
    and why it would be suppressed (None when it would go). None for a step that sends nothing."""
    from designer.runtime.frames import template_values
    from designer.runtime.interpreter import CompiledNode
    from designer.runtime.sink import DbSink

    wf = blueprint.workflow(workflow_id)
    node = wf.node(node_id) if wf is not None else None
    kind = get_kind(node.kind) if node is not None else None
    if kind is None or not getattr(kind, "channel", None):
        return None
    try:
        settings = kind.parse(node.settings)
    except ValueError:
        return None  # settings the inspector already marks as wrong
    node = CompiledNode(node.id, node.display_title, kind, settings)  # the unit the runtime renders
    effect = node.kind.step(node.settings, None).effect
    sink = DbSink(SimpleNamespace(blueprint=blueprint), [], [], None, time.time())  # only its renderer
    payload = sink._payload(node, effect, contact)
    reason = _unreachable(contact, effect) if effect.is_message else None  # consent, address
    quiet = wf.settings.quiet_hours
    note = None
    if effect.is_message and quiet is not None and quiet.start != quiet.end:
        note = f"deferred during quiet hours ({quiet.start}-{quiet.end})"
    return {"channel": effect.channel, "to": payload["to"], "content": payload["content"],
            "suppressed": reason, "deferred": note, "values": template_values(contact, blueprint.variables)}


def _unreachable(contact: dict, effect) -> str | None:
    """The runtime's own reachability rule: with the channel kinds once the runtime's restructuring
    (engine13) lands, in the durable sink before."""
    try:
        from designer.nodes import channel_kind
    except ImportError:
        from designer.runtime.sink import _unreachable as rule

        return rule(contact, effect)
    return channel_kind(effect.channel).unreachable(contact)


def send_test(db: str | Path, blueprint: Blueprint, workflow_id: str, node_id: str, contact: dict,
              to: str) -> str:
    """Put the message, as ``contact`` would get it, in the sandbox outbox addressed to ``to``:
    state 'test', never claimed by the deliverer, never counted toward caps or results. Returns its key."""
    from designer.runtime.store import Store, dumps
    from designer.runtime.tables import Outbox

    shown = preview(blueprint, workflow_id, node_id, contact)
    if shown is None:
        raise ValueError("this step sends no message")
    key = "test-" + uuid.uuid4().hex[:27]
    store = Store(db)
    try:
        with store.write() as conn:
            conn.execute(Outbox.__table__.insert(), [{
                "key": key, "enrolment_id": 0, "workflow_id": workflow_id, "node_id": node_id,
                "contact_id": str(contact.get("id")), "channel": shown["channel"], "counts_to_cap": False,
                "state": "test", "payload": dumps({"to": to, "content": shown["content"], "test": True}),
                "connector": "sandbox", "attempts": 0, "next_attempt": 0.0, "created_at": time.time(),
                "last_error": None, "response": "test message, kept in the sandbox outbox"}])
    finally:
        store.close()
    return key


def blueprint_data(blueprint: Blueprint) -> dict:
    return to_data(blueprint)
