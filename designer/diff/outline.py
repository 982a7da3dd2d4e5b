"""A blueprint as a readable outline, one fact per line: what ``git diff`` compares.

git's diff driver runs this on each version (``textconv``) and diffs the
outlines line by line, so ``git diff`` and ``git log -p`` read "- How long:
2 days / + How long: 3 days" under the step's heading instead of moved
coordinates. Positions on the canvas are left out. Values are never cut short
here: a changed word in an email body must show.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from designer.blueprint import Blueprint, Node, StickyNote, Workflow

from .changes import KEYED, edge_key, is_layout, pattern_of
from .words import field_info, field_label, port_label, show, show_field, step_name

FULL = 10**9  # show() limit: everything
# A hunk heading in git diff: the workflow or step a change sits in.
XFUNCNAME = "^((workflow|  step) .*)$"


def outline(data: dict) -> str:
    lines = [f'blueprint {show(data.get("name"), FULL)}']
    lines += _fields(data, Blueprint, (), "  ", skip={"format", "name", "stages", "variables", "workflows"})
    for stage in data.get("stages", []):
        lines.append(f'  stage {stage.get("id")} {show(stage.get("name"), FULL)}')
    for name, value in (data.get("variables") or {}).items():
        lines.append(f"  variable {name} = {show(value, FULL)}")
    for wf in data.get("workflows", []):
        lines.append(f'workflow {wf.get("id")} {show(wf.get("name"), FULL)}')
        path = ("workflows", str(wf.get("id")))
        lines += _fields(wf, Workflow, path, "  ", skip={"id", "name", "nodes", "edges", "notes"})
        nodes = {n.get("id"): n for n in wf.get("nodes", [])}
        for node in wf.get("nodes", []):
            lines.append(f"  step {step_name(node, str(node.get('id')))}")
            lines += _fields(node, Node, path + ("nodes", str(node.get("id"))), "    ",
                             skip={"id", "title", "kind"}, kind=node.get("kind"))
        for edge in wf.get("edges", []):
            source = nodes.get(edge.get("source"))
            lines.append(f"  wire {step_name(source, str(edge.get('source')))} "
                         f"[{port_label(source, str(edge.get('source_port')))}] -> "
                         f"{step_name(nodes.get(edge.get('target')), str(edge.get('target')))}")
        for note in wf.get("notes", []):
            lines.append(f"  note {note.get('id')}")
            lines += _fields(note, StickyNote, path + ("notes", str(note.get("id"))), "    ", skip={"id"})
    return "\n".join(lines) + "\n"


def _fields(item: dict, model: type[BaseModel], path: tuple[str, ...], indent: str, skip: set[str],
            kind: str | None = None) -> list[str]:
    lines: list[str] = []

    def walk(value: Any, fields: tuple[str, ...]) -> None:
        if is_layout(pattern_of(path + fields)) or pattern_of(path + fields) in KEYED:
            return
        if isinstance(value, dict) and value:
            for key, inner in value.items():
                walk(inner, fields + (key,))
            return
        label = field_label(model, fields, kind)
        settings = item.get("settings") if model is Node else None
        text = show_field(value, field_info(model, fields, kind), settings, FULL)
        lines.append(f"{indent}{label}: {text}")

    for key, value in item.items():
        if key not in skip:
            walk(value, (key,))
    return lines


__all__ = ["XFUNCNAME", "edge_key", "outline"]
