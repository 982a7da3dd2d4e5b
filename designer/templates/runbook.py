"""The client runbook: what a consultant hands over for one journey, as plain data.

:func:`runbook` collects it from the model (and the latest dry-run report, if
any): goal and KPIs, every step in order with its settings and message copy,
channels, frequency-cap and quiet-hour rules, the forecast's funnel and channel
volumes, and the build-queue entry with its experiment plan. Rendering to
Markdown and HTML is in :mod:`.runbook_render`; the picture and the PDF need Qt
and live in ``designer/app/templates/runbook_export.py``. No Qt here.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from designer.blueprint import Blueprint, Workflow
from designer.connections import output_ports
from designer.diff.words import port_label, show_field
from designer.nodes import get_kind
from designer.nodes.fields import field_words, humanise
from designer.planning import experiment_sample
from designer.runtime.dryrun.forecast import weekly_entries

MESSAGE_FIELDS = ("subject", "preheader", "title", "body", "text", "button_label", "notes")


def step_order(workflow: Workflow) -> list[str]:
    """Node ids in reading order: from the triggers, breadth first, ports in order;
    steps no trigger reaches come last, in file order."""
    nodes = workflow.node_map()
    out_edges: dict[str, list[tuple[int, str]]] = {}
    for e in workflow.edges:
        if e.source in nodes:
            ports = [p.id for p in output_ports(nodes[e.source])]
            rank = ports.index(e.source_port) if e.source_port in ports else len(ports)
            out_edges.setdefault(e.source, []).append((rank, e.target))
    starts = [n.id for n in workflow.nodes if (k := get_kind(n.kind)) is not None and k.is_trigger]
    seen: list[str] = []
    queue = deque(starts)
    while queue:
        nid = queue.popleft()
        if nid in seen or nid not in nodes:
            continue
        seen.append(nid)
        queue.extend(t for _, t in sorted(out_edges.get(nid, [])))
    return seen + [n.id for n in workflow.nodes if n.id not in seen]


def _step(workflow: Workflow, node_id: str, index: int) -> dict[str, Any]:
    node = workflow.node(node_id)
    kind = get_kind(node.kind)
    copy, settings = {}, {}
    fields = kind.settings_model.model_fields if kind is not None else {}
    units = {(f.json_schema_extra or {}).get("unit_field") for f in fields.values()
             if isinstance(f.json_schema_extra, dict)}
    for key, value in node.settings.items():
        info = fields.get(key)
        if value in (None, "", [], {}) or key in units:  # a unit is shown with its amount ("3 days")
            continue
        label = field_words(key, info.description or "", info.title or "")[0] if info else humanise(key)
        if kind is not None and kind.channel and key in MESSAGE_FIELDS:
            copy[label] = str(value)
        elif isinstance(value, (list, dict)):
            settings[label] = _short(value)
        else:  # as the inspector words it: '3 days', a choice by its name
            settings[label] = value if isinstance(value, str) and not _choice(info) else show_field(
                value, info, node.settings)
    summary = ""
    if kind is not None:
        try:
            summary = kind.summary(kind.parse(node.settings))
        except ValueError:
            summary = ""
    if kind is not None and kind.channel:
        summary = ""  # the copy says it
    # Settings the summary already states ("Wait 7 days") are not repeated below it.
    said = summary.lower()
    settings = {k: v for k, v in settings.items() if not (said and v and v.lower().rstrip("s") in said)}
    raw = node.model_dump(mode="json")
    nexts = [(port_label(raw, e.source_port),
              workflow.node(e.target).display_title if workflow.node(e.target) else e.target)
             for e in workflow.edges if e.source == node_id]
    return {
        "number": index, "id": node.id, "title": node.display_title, "kind": kind.label if kind else node.kind,
        "channel": kind.channel if kind else None, "summary": summary, "settings": settings, "copy": copy,
        "next": nexts,
    }


def _choice(info) -> bool:
    return info is not None and show_field("x", info) != '"x"'


def _short(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_short(v) for v in value)
    if isinstance(value, dict):
        label = value.get("label") or value.get("id")
        extra = value.get("weight", value.get("values"))
        return f"{label} ({_short(extra)})" if label and extra is not None else ", ".join(
            f"{k}={_short(v)}" for k, v in value.items())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _forecast(workflow: Workflow, report: dict[str, Any] | None, order: list[str]) -> dict[str, Any] | None:
    if not report:
        return None
    wf = next((w for w in report.get("workflows", []) if w.get("id") == workflow.id), None)
    if wf is None:
        return None
    def num(v: Any) -> float:
        return float(v["mean"]) if isinstance(v, dict) else float(v or 0)
    by_id = {n["id"]: n for n in wf["nodes"]}
    funnel = [{"title": by_id[n]["title"] or n, "entered": num(by_id[n]["entered"])} for n in order if n in by_id]
    channels = {}
    for m in wf.get("messages", []):
        node = workflow.node(m["node"])
        kind = get_kind(node.kind) if node else None
        ch = channels.setdefault(kind.channel if kind else "?", {"attempted": 0.0, "delivered": 0.0, "opened": 0.0,
                                                                 "clicked": 0.0})
        for key in ch:
            ch[key] += num(m.get(key))
    return {
        "contacts": num(report.get("contacts")), "days": num(report.get("days")),
        "enrolled": num(wf["enrolled"]), "converted": num(wf["goal"]["converted"]),
        "rate": num(wf["goal"]["rate"]), "funnel": funnel, "channels": channels,
    }


def _in(report: dict[str, Any], workflow: Workflow) -> bool:
    return any(w.get("id") == workflow.id for w in report.get("workflows", []))


def runbook(blueprint: Blueprint, workflow: Workflow, report: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the runbook shows, for ``workflow`` of ``blueprint``."""
    order = step_order(workflow)
    steps = [_step(workflow, nid, i) for i, nid in enumerate(order, 1)]
    channels = list(dict.fromkeys(s["channel"] for s in steps if s["channel"]))
    s = workflow.settings
    queue = workflow.queue
    experiment = None
    if queue.experiment is not None or any(n.kind == "branch.experiment" for n in workflow.nodes):
        weekly = weekly_entries(report).get(workflow.id) if report and _in(report, workflow) else None
        size = experiment_sample(workflow, weekly or None)
        experiment = {**size.plan.model_dump(mode="json"), "weekly_entries": size.weekly_entries,
                      "per_variant": size.per_variant, "total_entries": size.total_entries,
                      "weeks": size.weeks, "error": size.error}
    goals = [st["title"] for st in steps if get_kind(workflow.node(st["id"]).kind) is not None
             and get_kind(workflow.node(st["id"]).kind).is_goal]
    return {
        "blueprint": blueprint.name, "workflow_id": workflow.id, "name": workflow.name,
        "description": workflow.description, "from_stage": workflow.from_stage, "to_stage": workflow.to_stage,
        "goal": workflow.goal.model_dump(mode="json") if workflow.goal else None, "goal_steps": goals,
        "exit": workflow.exit_criteria.model_dump(mode="json") if workflow.exit_criteria else None,
        "steps": steps, "channels": channels,
        "rules": {
            "frequency_cap": s.frequency_cap.model_dump(mode="json") if s.frequency_cap else None,
            "programme_cap": blueprint.programme_cap.model_dump(mode="json") if blueprint.programme_cap else None,
            "quiet_hours": s.quiet_hours.model_dump(mode="json") if s.quiet_hours else None,
            "re_entry": s.re_entry.model_dump(mode="json"), "channel_priority": list(s.channel_priority),
        },
        "forecast": _forecast(workflow, report, order),
        "queue": {k: v for k, v in queue.model_dump(mode="json").items() if k != "experiment"},
        "experiment": experiment,
        "variables": dict(blueprint.variables),
    }
