"""The numbers the canvas and the dashboard show, read out of a forecast report
(``journey dry-run --json``'s shape) or a database status: plain Python, no Qt.

A number in a report is a count (one run) or ``{"mean", "p5", "p95"}`` (several
runs); :func:`mean` and :func:`interval` read either.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import Any

from designer.i18n import N_, translate

PILE_UP = 0.3  # waiting / entered at the end of the run
DROP_OUT = 0.3  # exited / entered, at a step that is not an end


def mean(v: Any) -> float:
    if isinstance(v, dict):
        return float(v.get("mean") or 0)
    return float(v or 0)


def interval(v: Any) -> tuple[float, float] | None:
    return (float(v["p5"]), float(v["p95"])) if isinstance(v, dict) and "p5" in v else None


@dataclass
class StepCounts:
    entered: float = 0
    waiting: float = 0
    converted: float = 0
    exited: float = 0
    spread: dict[str, tuple[float, float]] = field(default_factory=dict)  # 90% interval per figure
    mark: str = ""  # "pile-up" / "drop-out" / ""


def step_counts(workflow: dict, ends: set[str] = frozenset()) -> dict[str, StepCounts]:
    """Per node: entered / waiting / converted / exited, from a report's or a status's workflow."""
    out = {}
    for n in workflow["nodes"]:
        nid = n.get("id") or n.get("node")
        c = StepCounts(*(mean(n.get(k)) for k in ("entered", "waiting", "converted", "exited")))
        for k in ("entered", "waiting", "converted", "exited"):
            if (iv := interval(n.get(k))) is not None:
                c.spread[k] = iv
        if c.entered and c.waiting / c.entered >= PILE_UP:
            c.mark = "pile-up"
        elif c.entered and nid not in ends and c.exited / c.entered >= DROP_OUT:
            c.mark = "drop-out"
        out[nid] = c
    return out


def edge_flows(workflow: dict) -> dict[tuple[str, str, str], float]:
    return {(e["source"], e["port"], e["target"]): mean(e["flow"]) for e in workflow.get("edges", [])}


def find_workflow(report: dict, workflow_id: str) -> dict | None:
    for wf in report.get("workflows", []):
        if wf.get("id", wf.get("workflow")) == workflow_id:
            return wf
    return None


# --- the dashboard ---------------------------------------------------------------------

def funnel(workflow: dict) -> list[tuple[str, float]]:
    """Entry, each key step (messages and branches), the goal: (label, contacts)."""
    keys = {m["node"] for m in workflow.get("messages", [])} | {b["node"] for b in workflow.get("branches", [])}
    rows = []
    for i, n in enumerate(workflow["nodes"]):
        if i == 0 or n["id"] in keys:
            rows.append((n["title"], mean(n["entered"])))
    rows.append((translate(N_("Goal reached")), mean(workflow["goal"]["converted"])))
    return rows


def channel_days(report: dict) -> dict[str, list[float]]:
    out = {}
    for ch, c in report.get("channels", {}).items():
        per_day = c["per_day"]
        out[ch] = [float(x) for x in (per_day["mean"] if isinstance(per_day, dict) else per_day)]
    return out


# Suppression codes as the dashboard names them (translated by the core catalogue, designer.i18n).
REASONS = {"no_consent": N_("no consent"), "no_address": N_("no address"), "frequency_cap": N_("cap"),
           "message_too_large": N_("message too large")}


def reasons(report: dict) -> dict[str, dict[str, float]]:
    """Reason -> channel -> messages not sent when planned (suppressed, or deferred by quiet hours)."""
    out: dict[str, dict[str, float]] = {}
    for ch, c in report.get("channels", {}).items():
        for reason, k in c.get("suppressed", {}).items():
            out.setdefault(translate(REASONS.get(reason, reason.replace("_", " "))), {})[ch] = mean(k)
        out.setdefault(translate(N_("quiet hours")), {})[ch] = mean(c.get("deferred_quiet_hours"))
    return out


@dataclass
class Variant:
    experiment: str
    port: str
    contacts: float
    converted: float
    rate: float
    lift: float | None = None  # absolute, over the holdout
    low: float | None = None  # 95% interval of the lift
    high: float | None = None
    planned: int | None = None  # contacts per variant the workflow's experiment plan needs


def lift_interval(k1: float, n1: float, k0: float, n0: float, level: float = 0.95) -> tuple[float, float, float]:
    """Absolute lift p1 - p0 and its normal-approximation (Wald) interval."""
    p1, p0 = k1 / n1, k0 / n0
    se = math.sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0)
    z = NormalDist().inv_cdf(0.5 + level / 2)
    return p1 - p0, p1 - p0 - z * se, p1 - p0 + z * se


def experiments(report: dict, blueprint=None) -> list[Variant]:
    """Each experiment's variants against its holdout; with the blueprint, the plan's sample size too."""
    out = []
    for wf in report.get("workflows", []):
        planned = None
        design = blueprint.workflow(wf["id"]) if blueprint is not None else None
        if design is not None:
            from designer.planning import experiment_sample

            planned = experiment_sample(design).per_variant
        for b in wf.get("branches", []):
            if "lift_vs_holdout" not in b:
                continue
            hold = b["ports"]["holdout"]
            n0, k0 = mean(hold["contacts"]), mean(hold["converted"])
            for port, v in b["ports"].items():
                n, k = mean(v["contacts"]), mean(v["converted"])
                row = Variant(b["title"], port, n, k, k / n if n else 0.0, planned=planned)
                if port != "holdout" and n and n0:
                    row.lift, row.low, row.high = lift_interval(k, n, k0, n0)
                out.append(row)
    return out


def metrics(report: dict) -> list[tuple[str, str, str, float]]:
    """(level, name, metric, value) rows: programme, each workflow, each message."""
    p = report["programme"]
    rows = [("programme", report.get("blueprint", ""), k, mean(p[k])) for k in ("enrolled", "converted")]
    rows += [("programme", "", f"messages {k}", mean(p["messages"][k])) for k in sorted(p["messages"])]
    rows += [("programme", "", k, mean(p[k])) for k in ("open_rate", "click_rate", "unsubscribe_rate")]
    for wf in report["workflows"]:
        rows += [("workflow", wf["name"], "enrolled", mean(wf["enrolled"])),
                 ("workflow", wf["name"], "converted", mean(wf["goal"]["converted"])),
                 ("workflow", wf["name"], "conversion rate", mean(wf["goal"]["rate"]))]
        rows += [("workflow", wf["name"], f"stage {st['from'] or '—'} → {st['to']}", mean(st["contacts"]))
                 for st in wf.get("stages", [])]
        for m in wf["messages"]:
            rows += [("message", m["title"], k, mean(m[k]))
                     for k in ("delivered", "open_rate", "click_rate", "conversion_rate")]
    return rows


# The metrics table's words (the rows keep the codes above: the CLI's --json has the same).
METRIC_WORDS = {
    "programme": N_("programme"), "workflow": N_("workflow"), "message": N_("message"),
    "enrolled": N_("enrolled"), "converted": N_("converted"), "delivered": N_("delivered"),
    "conversion rate": N_("conversion rate"), "conversion_rate": N_("conversion rate"), "open_rate": N_("open rate"),
    "click_rate": N_("click rate"), "unsubscribe_rate": N_("unsubscribe rate"),
    "messages attempted": N_("messages attempted"), "messages delivered": N_("messages delivered"),
    "messages opened": N_("messages opened"), "messages clicked": N_("messages clicked"),
    "messages unsubscribed": N_("messages unsubscribed"), "stage": N_("stage"),
}


def metric_words(text: str) -> str:
    """A level or metric of :func:`metrics` in the reader's words ('stage a → b' keeps the stage ids)."""
    if text.startswith("stage "):
        return f"{translate(METRIC_WORDS['stage'])} {text[6:]}"
    return translate(METRIC_WORDS[text]) if text in METRIC_WORDS else text


def pressure(report: dict) -> list[tuple[str, float]]:
    per = report.get("pressure", {}).get("peak_week_per_contact", {})
    return [(k, mean(v)) for k, v in sorted(per.items(), key=lambda kv: int(kv[0]))]


# --- one contact -------------------------------------------------------------------------

# A traced path in the reader's words, read the same way as the CLI's --trace (designer/runtime/dryrun/
# path_words.py), loaded when a contact is shown: the window starts without the runtime package.

def timeline(path: list[dict], titles: dict[str, str]) -> list[str]:
    from designer.runtime.dryrun import path_words

    return path_words.timeline(path, titles)


def where_now(path: list[dict], titles: dict[str, str]) -> str:
    from designer.runtime.dryrun import path_words

    return path_words.where_now(path, titles)

def path_of(path: list[dict], workflow_id: str, edges: set[tuple[str, str, str]]) -> tuple[set[str], set]:
    """The nodes a contact visited in one workflow, and the wires it took."""
    nodes = {e["node"] for e in path if e.get("workflow") == workflow_id and e.get("node")}
    routes = {(s, p): t for (s, p, t) in edges}
    taken = set()
    for e in path:
        if e.get("workflow") == workflow_id and e.get("type") == "step" and (e["node"], e.get("port")) in routes:
            taken.add((e["node"], e["port"], routes[(e["node"], e["port"])]))
    return nodes, taken


def compare(a: dict, b: dict) -> list[tuple[str, str, float, float, float, float]]:
    """(workflow, step, entered A, entered B, converted A, converted B) for two reports."""
    rows = []
    for wa in a.get("workflows", []):
        wb = find_workflow(b, wa["id"]) or {"nodes": []}
        other = {n["id"]: n for n in wb["nodes"]}
        for n in wa["nodes"]:
            m = other.get(n["id"], {})
            rows.append((wa["name"], n["title"], mean(n["entered"]), mean(m.get("entered")),
                         mean(n["converted"]), mean(m.get("converted"))))
        rows.append((wa["name"], "conversion rate", mean(wa["goal"]["rate"]), mean(wb.get("goal", {}).get("rate")),
                     0.0, 0.0))
    return rows
