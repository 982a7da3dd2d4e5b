"""A merge's conflicts, for a reader: where each is, and the base, ours and theirs."""

from __future__ import annotations

from typing import Any

from designer.blueprint import Node

from .changes import Change
from .describe import describe
from .merge import Conflict
from .words import field_info, show, show_field

REASONS = {
    "both-changed": "changed on both sides",
    "deleted-and-changed": "deleted on one side, changed on the other",
    "wire-to-deleted-step": "a wire to a step the other side deleted",
    "not-a-blueprint": "the merged file would not be a valid blueprint",
    "new-problem": "the merged journey has an error neither side had",
}


def where(conflict: Conflict, ours: dict, theirs: dict) -> str:
    """The conflict's place in the same words as ``journey diff`` ('workflow welcome: step n3 ... How long')."""
    if not conflict.path:
        return "the blueprint"
    entry = describe([Change("changed", conflict.path, conflict.ours, conflict.theirs)], ours, theirs)[0]
    text = entry.text[2:].split(": ", 1)[0] if entry.scope in ("step", "note", "stage") else ""
    text = text or (f"wire {entry.target}" if entry.scope == "wire" else "")
    parts = [f"workflow {entry.workflow}" if entry.workflow else "", text, entry.label]
    return ": ".join(p for p in parts if p) or "the blueprint"


def conflict_report(conflicts: list[Conflict], base: dict, ours: dict, theirs: dict,
                    names: tuple[str, str, str]) -> str:
    count = len(conflicts)
    lines = [f"{count} conflict{'s' * (count != 1)} merging {names[1]} (ours) and {names[2]} (theirs) "
             f"from {names[0]} (base)"]
    for conflict in conflicts:
        lines.append(f"CONFLICT ({conflict.reason}) {where(conflict, ours, theirs)}: {REASONS[conflict.reason]}")
        if conflict.message:
            lines.append(f"  {conflict.message}")
        if conflict.present != (False, False, False):
            sides = zip(("base", "ours", "theirs"), (conflict.base, conflict.ours, conflict.theirs),
                        (base, ours, theirs), conflict.present, strict=True)
            for name, value, data, here in sides:
                lines.append(f"  {name + ':':<8}{_value(value, conflict.path, data) if here else '(not there)'}")
    lines.append("The merged file keeps our side where there is a conflict; edit it, then mark it resolved.")
    return "\n".join(lines) + "\n"


def _value(value: Any, path: tuple[str, ...], data: dict) -> str:
    if path[2:3] == ("nodes",) and path[4:5] == ("settings",):  # a setting: '3 days', as journey diff shows it
        wf = next((w for w in data.get("workflows", []) if w.get("id") == path[1]), {})
        node = next((n for n in wf.get("nodes", []) if n.get("id") == path[3]), {})
        info = field_info(Node, path[4:], node.get("kind"))
        return show_field(value, info, node.get("settings"), 200)
    if isinstance(value, dict) and "id" in value and "kind" in value:
        return f'step {value["id"]} "{value.get("title", "")}" ({value["kind"]})'
    if isinstance(value, dict) and "source" in value:
        return f'wire {value.get("source")}:{value.get("source_port")} -> {value.get("target")}'
    return show(value, 200)
