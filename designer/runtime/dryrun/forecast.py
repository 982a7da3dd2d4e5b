"""The forecast a dry-run produces: a plain JSON-able dict, and its aggregate over runs.

:func:`forecast` turns a finished :class:`~.simulator.Simulation` into the
report (per node, edge, message, channel, goal, branch, stage; programme
pressure; traced paths). :func:`aggregate` combines several runs' reports
into mean and 90% interval (5th-95th percentile) for every number.
Numbers are rounded so that the same seed gives byte-identical JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from designer.blueprint import Blueprint
from designer.i18n import Message, render

from .columns import ContactStore, from_csv, from_records, synthetic

if TYPE_CHECKING:
    from .simulator import Simulation
    from .state import WorkflowState

HOUR = 3600.0


def _rate(part: float, whole: float) -> float:
    return round(part / whole, 6) if whole else 0.0


def forecast(sim: Simulation, paths: bool = True) -> dict[str, Any]:
    enrolled_any = np.zeros(sim.store.n, dtype=bool)
    workflows = []
    for wf in sim.states:
        enrolled_any |= wf.entries > 0
        workflows.append(_workflow(sim, wf))
    totals = {k: sum(m[k] for w in workflows for m in w["messages"]) for k in
              ("attempted", "delivered", "opened", "clicked", "unsubscribed")}
    report: dict[str, Any] = {
        "blueprint": sim.blueprint.name,
        "seed": sim.seed,
        "start": datetime.fromtimestamp(sim.t0, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "days": sim.days,
        "contacts": sim.store.n,
        "mode": "scripted" if sim.scripted else "model",
        "programme": {
            "enrolled": int(enrolled_any.sum()),
            "converted": sum(w["goal"]["converted"] for w in workflows),
            "messages": totals,
            "open_rate": _rate(totals["opened"], totals["delivered"]),
            "click_rate": _rate(totals["clicked"], totals["delivered"]),
            "unsubscribe_rate": _rate(totals["unsubscribed"], totals["delivered"]),
        },
        "workflows": workflows,
        "channels": {
            ch: {
                "attempted": c.attempted, "delivered": c.delivered, "failed": c.failed,
                "deferred_quiet_hours": c.deferred_quiet_hours, "suppressed": dict(c.suppressed),
                "per_day": c.sent.tolist(),
            }
            for ch, c in sorted(sim.delivery.channels.items())
        },
        "pressure": sim.delivery.pressure(np.flatnonzero(enrolled_any)),
        "events": {name: k for name in sorted(sim.log.names()) for _, ts, _ in [sim.log.arrays(name)]
                   if (k := int(np.count_nonzero((ts >= sim.t0) & (ts <= sim.t_end))))},
    }
    if paths:
        rows = sorted(sim.tracer.steps)
        ids = sim.store.ids
        report["paths"] = {str(ids[r]): sim.tracer.path(r) for r in rows}
    return report


def _workflow(sim: Simulation, wf: WorkflowState) -> dict[str, Any]:
    cw = wf.cw
    waiting = wf.waiting_counts()
    order = sorted(cw.nodes, key=lambda n: (cw.order[n], n))
    nodes = [
        {
            "id": nid, "title": cw.nodes[nid].title, "kind": cw.nodes[nid].kind.kind,
            "entered": wf.entered[nid], "passed": dict(sorted(wf.passed[nid].items())),
            "waiting": waiting.get(nid, 0), "converted": wf.converted[nid], "exited": wf.exited[nid],
        }
        for nid in order
    ]
    edges = [
        {"source": e.source, "port": e.source_port, "target": e.target, "flow": wf.passed[e.source][e.source_port]}
        for e in cw.workflow.edges
    ]
    entered = wf.entries > 0
    converted = entered & ~np.isnan(wf.goal_at)
    hours = (wf.goal_at[converted] - wf.entry_at[converted]) / HOUR
    goal = cw.workflow.goal
    messages = []
    for nid, stats in wf.messages.items():
        got = ~np.isnan(wf.received[nid])
        conv = int(np.count_nonzero(converted & (wf.goal_at >= wf.received[nid])))  # converted after receiving it
        messages.append({
            "node": nid, "title": cw.nodes[nid].title, **stats,
            "open_rate": _rate(stats["opened"], stats["delivered"]),
            "click_rate": _rate(stats["clicked"], stats["delivered"]),
            "converted": conv, "conversion_rate": _rate(conv, int(got.sum())),
        })
    messages.sort(key=lambda m: (cw.order[m["node"]], m["node"]))
    return {
        "id": cw.workflow.id, "name": cw.workflow.name, "version": cw.version,
        "enrolled": int(entered.sum()), "entries": int(wf.entries.sum()),
        "active_at_end": int(wf.active.sum()),
        "goal": {
            "event": goal.event if goal else None, "window_days": goal.window_days if goal else None,
            "converted": int(converted.sum()), "rate": _rate(int(converted.sum()), int(entered.sum())),
            "time_to_goal_hours": {
                "median": round(float(np.median(hours)), 3) if len(hours) else None,
                "p90": round(float(np.percentile(hours, 90)), 3) if len(hours) else None,
            },
        },
        "nodes": nodes,
        "edges": edges,
        "messages": messages,
        "branches": [_branch(wf, nid, converted) for nid in order if nid in wf.choices],
        "stages": [{"from": a, "to": b, "contacts": k} for (a, b), k in sorted(wf.stage_moves.items())],
        "exits": dict(sorted(wf.reasons.items())),
        "hit_frequency_cap": int(wf.cap.hit.sum()) if wf.cap is not None else 0,
    }


def _branch(wf: WorkflowState, nid: str, converted: np.ndarray) -> dict[str, Any]:
    ports, chosen = wf.choices[nid]
    by_port = {}
    for i, port in enumerate(ports):
        went = chosen == i
        k, c = int(went.sum()), int((went & converted).sum())
        by_port[port] = {"contacts": k, "converted": c, "rate": _rate(c, k)}
    out: dict[str, Any] = {"node": nid, "title": wf.cw.nodes[nid].title, "ports": by_port}
    if "holdout" in by_port:  # an experiment: lift of each variant over the holdout
        base = by_port["holdout"]["rate"]
        out["lift_vs_holdout"] = {
            p: {"absolute": round(v["rate"] - base, 6), "relative": round((v["rate"] - base) / base, 6) if base else None}
            for p, v in by_port.items() if p != "holdout"
        }
    return out


def weekly_entries(report: dict[str, Any]) -> dict[str, float]:
    """Contacts reaching each workflow's experiment (else entering it) per simulated
    week: the figure designer.planning sizes experiments with."""
    def mean(v: Any) -> float:
        return float(v["mean"]) if isinstance(v, dict) else float(v or 0)

    days = mean(report["days"])
    out = {}
    for wf in report["workflows"]:
        tested = [b for b in wf["branches"] if "lift_vs_holdout" in b]
        reached = sum(mean(p["contacts"]) for p in tested[0]["ports"].values()) if tested else mean(wf["entries"])
        out[wf["id"]] = round(reached * 7 / days, 3) if days else 0.0
    return out


# --- the entry point for the CLI and the app ------------------------------------


def load_contacts(spec: str | int) -> tuple[ContactStore, list[dict] | None]:
    """``"sample"`` (the 1,000 sample contacts and their history), a number
    (that many synthetic contacts) or a CSV file; raises ValueError."""
    if spec == "sample":
        from ..sample import sample_contacts, sample_events

        contacts = sample_contacts()
        return from_records(contacts), sample_events(contacts)
    if isinstance(spec, int) or str(spec).replace("_", "").isdigit():
        n = int(str(spec).replace("_", ""))
        if not 1 <= n <= 10_000_000:
            raise ValueError(f"the number of contacts must be between 1 and 10,000,000, not {n:,}")
        return synthetic(n), None
    path = Path(spec)
    if not path.is_file():
        raise ValueError(f"contacts '{spec}': not 'sample', a number, or an existing CSV file")
    return from_csv(path), None


def run_forecast(
    blueprint: Blueprint,
    contacts: str | int = "sample",
    *,
    workflow: str | None = None,
    days: int | None = None,
    seed: int = 1,
    runs: int = 1,
    trace: Sequence[str] | None = None,
    progress: Callable[[float, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> dict[str, Any]:
    """Dry-run ``blueprint`` (or one workflow) ``runs`` times with seeds ``seed``,
    ``seed + 1`` ...; one run's report, or their aggregate. Raises
    :class:`~designer.runtime.interpreter.JourneyInvalid`, ValueError (bad contacts or trace id)
    or :class:`~.simulator.Cancelled`."""
    from .simulator import Simulation

    reports = []
    for i in range(runs):
        store, history = load_contacts(contacts)  # fresh: a run changes tags, stages and consent
        step = None
        if progress is not None:
            def step(fraction: float, message: str, i: int = i) -> None:
                progress((i + fraction) / runs, render(Message("progress.run", {"run": i + 1, "runs": runs,
                                                                               "message": message}))
                         if runs > 1 else message)
        sim = Simulation(blueprint, store, workflows=[workflow] if workflow else None, days=days, seed=seed + i,
                         history=history, trace=trace)
        reports.append(forecast(sim.run(step, cancel)))
    out = reports[0] if runs == 1 else aggregate(reports)
    _trust(blueprint, out, workflow)
    if store.skipped:
        out["skipped_rows"] = [{"line": line, "reason": reason} for line, reason in store.skipped]
    return out


def _trust(blueprint: Blueprint, report: dict[str, Any], workflow: str | None) -> None:
    """What a marketer needs to trust the figures (issue 18): the overrides in effect, the experiment readout."""
    from .behaviour_rules import rules_in_effect
    from .effects import overrides_in_effect
    from .experiment_readout import readout

    if overrides := overrides_in_effect(blueprint, workflow):
        report["overrides"] = overrides
    if rules := rules_in_effect(blueprint, workflow):
        report["conditional_behaviour"] = rules
    if experiments := readout(blueprint, report):
        report["experiments"] = experiments


# --- several runs -------------------------------------------------------------


def aggregate(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean and 90% interval of every number across runs (seeds)."""
    first = reports[0]
    out = _combine([{k: v for k, v in r.items() if k not in ("paths", "seed")} for r in reports])
    out["seeds"] = [r["seed"] for r in reports]
    out["runs"] = len(reports)
    if "paths" in first:
        out["paths"] = first["paths"]  # the first run's, so a contact's path is still traceable
    return out


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _stats(values: list[float]) -> dict[str, float]:
    arr = np.array(values, dtype=float)
    return {"mean": round(float(arr.mean()), 6), "p5": round(float(np.percentile(arr, 5)), 6),
            "p95": round(float(np.percentile(arr, 95)), 6)}


_ABSENT = object()  # a key one run lacks (a port nobody took): counts as 0, unlike a None value


def _combine(values: list[Any]) -> Any:
    sample = next((v for v in values if v is not None and v is not _ABSENT), None)
    if sample is None:
        return None
    if _is_number(sample):
        return _stats([0 if v is _ABSENT else v for v in values if v is _ABSENT or _is_number(v)])
    if isinstance(sample, dict):
        keys = list(dict.fromkeys(k for v in values if isinstance(v, dict) for k in v))
        return {k: _combine([v.get(k, _ABSENT) if isinstance(v, dict) else None for v in values]) for k in keys}
    if isinstance(sample, list):
        if sample and all(_is_number(x) for x in sample):  # a series: stats per element
            arr = np.array([v for v in values if isinstance(v, list)], dtype=float)
            return {"mean": np.round(arr.mean(0), 6).tolist(), "p5": np.round(np.percentile(arr, 5, 0), 6).tolist(),
                    "p95": np.round(np.percentile(arr, 95, 0), 6).tolist()}
        length = max(len(v) for v in values if isinstance(v, list))
        return [_combine([v[i] if isinstance(v, list) and i < len(v) else None for v in values]) for i in range(length)]
    return sample
