"""A merge's conflicts, for a reader: where each is, and the base, ours and theirs."""

from __future__ import annotations

from typing import Any

from designer.blueprint import Node
from designer.i18n import Message, render

from .changes import Change
from .describe import describe
from .merge import Conflict
from .words import MODELS, field_info, field_label, show, show_field, step_message

# Why each conflict is one: the codes' texts are conflict.<reason> in designer/i18n/messages_diff.py.


def where(conflict: Conflict, ours: dict, theirs: dict) -> str:
    """The conflict's place in the same words as ``journey diff`` ('workflow welcome: step n3 ... How long')."""
    if not conflict.path:
        return render(Message("conflict.the-blueprint"))
    entry = describe([Change("changed", conflict.path, conflict.ours, conflict.theirs)], ours, theirs)[0]
    path, parts = conflict.path, []
    if entry.workflow:
        parts.append(Message("conflict.workflow", {"id": entry.workflow}))
    if entry.scope == "step":
        node = _node(ours, path[1], path[3]) or _node(theirs, path[1], path[3])
        parts.append(Message("diff.step", {"step": step_message(node, path[3])}))
    elif entry.scope in ("note", "stage"):
        parts.append(Message(f"diff.{entry.scope}", {"id": entry.target}))
    elif entry.scope == "wire":
        parts.append(Message("conflict.wire", {"key": entry.target}))
    if entry.label:
        kind = (_node(ours, path[1], path[3]) or {}).get("kind") if entry.scope == "step" else None
        model = MODELS.get(entry.scope, MODELS["blueprint"])
        rest = {"step": path[4:], "note": path[4:], "stage": path[2:], "workflow": path[2:]}.get(entry.scope, path)
        parts.append(field_label(model, rest, kind, words=True))
    if not parts:
        return render(Message("conflict.the-blueprint"))
    sep = render(Message("conflict.sep"))
    return sep.join(render(p) for p in parts)


def _node(data: dict, wf_id: str, node_id: str) -> dict | None:
    wf = next((w for w in data.get("workflows", []) if w.get("id") == wf_id), {})
    return next((n for n in wf.get("nodes", []) if n.get("id") == node_id), None)


def conflict_report(conflicts: list[Conflict], base: dict, ours: dict, theirs: dict,
                    names: tuple[str, str, str]) -> str:
    from designer.i18n import pad, text_width

    lines = [render(Message("conflict.head", {"count": len(conflicts), "ours": names[1], "theirs": names[2],
                                              "base": names[0]}))]
    side_names = [render(Message(f"conflict.side-{n}")) for n in ("base", "ours", "theirs")]
    width = max(8, *(text_width(n) + 2 for n in side_names))
    for conflict in conflicts:
        lines.append(render(Message("conflict.line", {"reason": conflict.reason, "where": where(conflict, ours, theirs),
                                                      "why": Message(f"conflict.{conflict.reason}")})))
        if conflict.message:
            lines.append(f"  {conflict.message}")
        if conflict.present != (False, False, False):
            sides = zip(side_names, (conflict.base, conflict.ours, conflict.theirs),
                        (base, ours, theirs), conflict.present, strict=True)
            for name, value, data, here in sides:
                shown = _value(value, conflict.path, data) if here else render(Message("conflict.not-there"))
                lines.append(f"  {pad(render(Message('conflict.side', {'name': name})), width)}{shown}")
    lines.append(render(Message("conflict.foot")))
    return "\n".join(lines) + "\n"


def _value(value: Any, path: tuple[str, ...], data: dict) -> str:
    if path[2:3] == ("nodes",) and path[4:5] == ("settings",):  # a setting: '3 days', as journey diff shows it
        wf = next((w for w in data.get("workflows", []) if w.get("id") == path[1]), {})
        node = next((n for n in wf.get("nodes", []) if n.get("id") == path[3]), {})
        info = field_info(Node, path[4:], node.get("kind"))
        return show_field(value, info, node.get("settings"), 200)
    if isinstance(value, dict) and "id" in value and "kind" in value:
        return render(Message("diff.step", {"step": step_message(value, str(value["id"]))}))
    if isinstance(value, dict) and "source" in value:
        return render(Message("conflict.wire", {"key": f'{value.get("source")}:{value.get("source_port")} -> '
                                                       f'{value.get("target")}'}))
    return show(value, 200)
