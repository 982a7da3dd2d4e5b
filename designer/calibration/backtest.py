"""Backtest: replay the contacts who entered a journey in a past period through the dry-run
and compare the forecast with what the runtime database says happened.

The replay uses the contacts' records as they are in the database now, their
events from before the period as history, and their real trigger events at their
real times (the model's own arrivals are switched off), so only the behaviour
model decides the outcome. Contacts enrolled from a list enter at the start of
the period. Each figure (contacts reaching each step, messages delivered,
conversions, conversion rate, median time to goal) is given as forecast, actual
and error; the forecast is the mean over ``runs`` seeds, with its 90% interval.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import numpy as np

from designer.blueprint import Blueprint
from designer.i18n import Message, render
from designer.nodes.behaviour import OnEvent

from . import history as h
from .merge import merged

DAY, HOUR = 86400.0, 3600.0

# Errors as message codes: backtest.* in designer/i18n/messages_cli.py (read in the reader's language).


def _stamp(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%d %H:%M")


def backtest(blueprint: Blueprint, db, since: float, until: float, model: dict[str, Any],
             workflow: str | None = None, runs: int = 3, seed: int = 1) -> dict[str, Any]:
    """The comparison (raises ValueError with a one-line reason for bad input)."""
    from designer.runtime.dryrun.columns import from_records
    from designer.runtime.dryrun.forecast import aggregate, forecast
    from designer.runtime.dryrun.simulator import Simulation
    from designer.runtime.interpreter import compile_workflow

    wf = _workflow(blueprint, workflow)
    cw = compile_workflow(blueprint, wf)
    triggers = sorted({r.event for _, r in cw.entries if isinstance(r, OnEvent)})
    with h.open_history(db) as conn:
        passes = h.first_passes(conn, since, until, wf.id)
        if not passes:
            raise ValueError(Message("backtest.no-entries", {"workflow": wf.id, "since": _stamp(since),
                                                             "until": _stamp(until)}))
        ids = list(dict.fromkeys(p[2] for p in passes))
        records = h.contacts(conn, ids)
        end = max(h.observed_until(conn) or until, until)
        past, trigger_times = [], {name: h.event_times(conn, name) for name in triggers}
        wanted = set(ids)
        for cid, name, t, props in conn.execute("SELECT contact_id, name, time, properties FROM event WHERE time < ?",
                                                (since,)):
            if cid in wanted:
                past.append({"contact_id": cid, "name": name, "time": t, "properties": json.loads(props or "{}")})
        actual = _actual(conn, wf, passes)
    fitted = dict(model)
    fitted["events"] = {**fitted.get("events", {}), **{t: {"probability": 0.0} for t in triggers}}
    bp = merged(blueprint.model_copy(update={"workflows": [wf]}), fitted)
    days = max(1, int(np.ceil((end - since) / DAY)))
    start = datetime.fromtimestamp(since, UTC)
    reports = []
    for i in range(runs):
        store = from_records(records)
        sim = Simulation(bp, store, days=days, seed=seed + i, start=start, history=past, trace=[])
        for name, times in trigger_times.items():
            rows, ts = [], []
            for cid in ids:
                t = next((t for t in times.get(cid, ()) if since - DAY <= t < until), None)
                row = store.row_of(cid)
                if t is not None and row is not None:
                    rows.append(row)
                    ts.append(max(t, since))
            if rows:
                sim.queue_events(name, np.array(rows, dtype=np.int64), np.array(ts))
        reports.append(forecast(sim.run(), paths=False))
    fc = aggregate(reports) if runs > 1 else reports[0]
    return {"workflow": wf.id, "since": _stamp(since), "until": _stamp(until), "observed_until": _stamp(end),
            "contacts": len(ids), "runs": runs, "figures": _compare(fc["workflows"][0], actual)}


def _workflow(blueprint: Blueprint, workflow: str | None):
    known = ", ".join(w.id for w in blueprint.workflows) or "none"
    if workflow is not None:
        wf = blueprint.workflow(workflow)
        if wf is None:
            raise ValueError(Message("backtest.no-workflow", {"workflow": workflow, "known": known}))
        return wf
    if len(blueprint.workflows) != 1:
        raise ValueError(Message("backtest.which", {"known": known}))
    return blueprint.workflows[0]


def _actual(conn, wf, passes: list[tuple]) -> dict[str, Any]:
    ids = {p[0] for p in passes}
    reached = h.visits(conn, ids)
    delivered: dict[str, int] = {}
    contacts = {p[2] for p in passes}
    first_at = {p[2]: p[3] for p in passes}
    for wf_id, node, cid, state, created in conn.execute(
            "SELECT workflow_id, node_id, contact_id, state, created_at FROM outbox WHERE workflow_id = ?", (wf.id,)):
        if cid in contacts and state in h.DELIVERED and created >= first_at[cid]:
            delivered[node] = delivered.get(node, 0) + 1
    converted = [p for p in passes if p[4] == "converted"]
    hours = sorted((p[5] - p[3]) / HOUR for p in converted if p[5] is not None)
    return {
        "nodes": {n.id: reached.get((wf.id, n.id), 0) for n in wf.nodes},
        "delivered": delivered,
        "enrolled": len(passes), "converted": len(converted),
        "rate": len(converted) / len(passes) if passes else 0.0,
        "time_to_goal_hours": float(np.median(hours)) if hours else None,
    }


def _m(v: Any) -> float | None:
    if isinstance(v, dict) and "mean" in v:
        return float(v["mean"])
    return None if v is None else float(v)


def _row(figure: Message, forecast: Any, actual: float | None) -> dict[str, Any]:
    f = _m(forecast)  # the figure's name in English (stable for --json) and as a code, for other readers
    row: dict[str, Any] = {"figure": render(figure, "en"), "figure_id": figure.to_json(),
                           "forecast": None if f is None else round(f, 4),
                           "actual": None if actual is None else round(actual, 4)}
    if isinstance(forecast, dict) and "p5" in forecast:
        row["interval"] = [round(forecast["p5"], 4), round(forecast["p95"], 4)]
    if f is not None and actual is not None:
        row["error"] = round(f - actual, 4)
        row["relative_error"] = round((f - actual) / actual, 4) if actual else None
    return row


def _compare(fc: dict[str, Any], actual: dict[str, Any]) -> list[dict[str, Any]]:
    out = [_row(Message("backtest.enrolled"), fc["enrolled"], actual["enrolled"])]
    for node in fc["nodes"]:
        figure = Message("backtest.reached", {"title": node["title"], "id": node["id"]})
        out.append({**_row(figure, node["entered"], actual["nodes"].get(node["id"], 0)), "node": node["id"]})
    for m in fc["messages"]:
        figure = Message("backtest.delivered", {"title": m["title"], "id": m["node"]})
        out.append({**_row(figure, m["delivered"], actual["delivered"].get(m["node"], 0)), "node": m["node"]})
    goal = fc["goal"]
    out.append(_row(Message("backtest.converted"), goal["converted"], actual["converted"]))
    out.append(_row(Message("backtest.rate"), goal["rate"], actual["rate"]))
    out.append(_row(Message("backtest.time-to-goal"), goal["time_to_goal_hours"]["median"],
                    actual["time_to_goal_hours"]))
    return out
