"""Changes described for a reader: what, where, and one line of text each.

One description serves the terminal (``journey diff``), ``--json``, ``git diff``
and the window's compare view, so they always list the same changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from designer.i18n import Message, render, translate

from .changes import Change
from .words import MODELS, field_info, field_label, kind_label, port_label, show, show_field
from .words import step_message as step_name

SYMBOL = {"added": "+", "removed": "-", "changed": "~", "reordered": "~"}


@dataclass(frozen=True)
class Entry:
    """One change, placed: ``scope`` is blueprint, stage, variable, workflow, step,
    wire or note; ``target`` the step/note/stage id, wire key or variable name."""

    change: Change
    scope: str
    workflow: str | None
    target: str | None
    field: str  # dotted path inside the thing ('settings.amount'), '' for the thing itself
    label: str  # the field in the inspector's words ('How long'), '' for the thing itself
    message: Message  # what changed, without the +/-/~ symbol (codes in designer/i18n/messages_diff.py)

    @property
    def symbol(self) -> str:
        return SYMBOL[self.change.op]

    @property
    def text(self) -> str:
        """One line for a reader, in the current language: '~ step n3 ...: How long: 2 days -> 3 days'."""
        return f"{self.symbol} {render(self.message)}"

    def to_dict(self) -> dict[str, Any]:
        out = {"scope": self.scope, "workflow": self.workflow, "target": self.target, "field": self.field,
               "label": self.label, "text": self.text, "message_id": self.message.to_json()}
        out.update(self.change.to_dict())
        return out


class _Versions:
    """Look-ups into the two versions (steps by id), built once per workflow."""

    def __init__(self, a: dict, b: dict) -> None:
        self.sides = (a, b)
        self._workflows = [{w.get("id"): w for w in side.get("workflows", [])} for side in self.sides]
        self._nodes: dict[tuple[int, str], dict] = {}

    def workflow(self, wf_id: str) -> dict | None:
        return self._workflows[1].get(wf_id) or self._workflows[0].get(wf_id)

    def node(self, wf_id: str, node_id: str, prefer: int = 1) -> dict | None:
        for side in (prefer, 1 - prefer):
            key = (side, wf_id)
            if key not in self._nodes:
                wf = self._workflows[side].get(wf_id) or {}
                self._nodes[key] = {n.get("id"): n for n in wf.get("nodes", [])}
            if (node := self._nodes[key].get(node_id)) is not None:
                return node
        return None


def describe(changes: list[Change], a: dict, b: dict) -> list[Entry]:
    versions = _Versions(a, b)
    return [_entry(c, versions) for c in changes]


def _entry(c: Change, v: _Versions) -> Entry:
    path = c.path
    if path[:1] == ("workflows",) and len(path) >= 2:
        return _workflow_entry(c, v, path[1], path[2:])
    if path[:1] == ("stages",) and len(path) >= 2:
        return _thing(c, "stage", None, path[1], path[2:], Message("diff.stage", {"id": path[1]}),
                      (c.new or c.old or {}))
    if path[:1] == ("variables",) and len(path) == 2:
        op = c.op if c.op in ("added", "removed") else "changed"
        return Entry(c, "variable", None, path[1], "", "",
                     Message(f"diff.variable-{op}", {"name": path[1], "old": show(c.old), "new": show(c.new)}))
    if c.op == "reordered":
        label = field_label(MODELS["blueprint"], path)
        return Entry(c, "blueprint", None, None, ".".join(path), label,
                     Message("diff.order", {"what": field_label(MODELS["blueprint"], path, words=True)}))
    label, info = field_label(MODELS["blueprint"], path), field_info(MODELS["blueprint"], path)
    return Entry(c, "blueprint", None, None, ".".join(path), label,
                 _field_text(c, field_label(MODELS["blueprint"], path, words=True), show_field(c.old, info),
                             show_field(c.new, info)))


def _field_text(c: Change, label: Message, old: str, new: str) -> Message:
    op = c.op if c.op in ("added", "removed") else "changed"
    return Message(f"diff.field-{op}", {"label": label, "old": old, "new": new})


def _workflow_entry(c: Change, v: _Versions, wf_id: str, rest: tuple[str, ...]) -> Entry:
    if not rest:  # the whole workflow
        wf = c.new if c.op == "added" else c.old
        steps = len(wf.get("nodes", [])) if isinstance(wf, dict) else 0
        name = wf.get("name", "") if isinstance(wf, dict) else ""
        return Entry(c, "workflow", wf_id, None, "", "",
                     Message("diff.workflow", {"id": wf_id, "name": name, "count": steps}))
    if rest[0] == "nodes" and len(rest) >= 2:
        return _step_entry(c, v, wf_id, rest[1], rest[2:])
    if rest[0] == "edges" and len(rest) == 2:
        return _wire_entry(c, v, wf_id, rest[1])
    if rest[0] == "notes" and len(rest) >= 2:
        note = c.new if c.op == "added" else c.old
        return _thing(c, "note", wf_id, rest[1], rest[2:], Message("diff.note", {"id": rest[1]}),
                      note if len(rest) == 2 else {})
    if c.op == "reordered":
        if rest[0] in ("nodes", "edges", "notes"):
            return Entry(c, "workflow", wf_id, None, ".".join(rest), "", Message(f"diff.order-{rest[0]}"))
        return Entry(c, "workflow", wf_id, None, ".".join(rest), "", Message("diff.order-in-file", {"what": rest[0]}))
    label = field_label(MODELS["workflow"], rest)
    if rest == ("name",):
        return Entry(c, "workflow", wf_id, None, "name", label,
                     Message("diff.renamed", {"old": show(c.old), "new": show(c.new)}))
    info = field_info(MODELS["workflow"], rest)
    return Entry(c, "workflow", wf_id, None, ".".join(rest), label,
                 _field_text(c, field_label(MODELS["workflow"], rest, words=True), show_field(c.old, info),
                             show_field(c.new, info)))


def _step_entry(c: Change, v: _Versions, wf_id: str, node_id: str, rest: tuple[str, ...]) -> Entry:
    if not rest:
        node = c.new if c.op == "added" else c.old
        return Entry(c, "step", wf_id, node_id, "", "", Message("diff.step", {"step": step_name(node, node_id)}))
    old_node, new_node = v.node(wf_id, node_id, 0), v.node(wf_id, node_id, 1)
    kind = (new_node or old_node or {}).get("kind")
    if rest[0] == "settings" and old_node and new_node and old_node.get("kind") != new_node.get("kind"):
        kind = (old_node if c.op == "removed" else new_node).get("kind")
    label = field_label(MODELS["step"], rest, kind)
    info = field_info(MODELS["step"], rest, kind)
    old = show_field(c.old, info, (old_node or {}).get("settings"))
    new = show_field(c.new, info, (new_node or {}).get("settings"))
    if rest == ("kind",):
        old, new = translate(kind_label(c.old)), translate(kind_label(c.new))
    step = step_name(new_node or old_node, node_id)
    if rest == ("position",):
        return Entry(c, "step", wf_id, node_id, "position", label,
                     Message("diff.step-moved", {"step": step, "old": _point(c.old), "new": _point(c.new)}))
    change = _field_text(c, field_label(MODELS["step"], rest, kind, words=True), old, new)
    return Entry(c, "step", wf_id, node_id, ".".join(rest), label,
                 Message("diff.step-field", {"step": step, "change": change}))


def _point(value: Any) -> str:
    return f"({show(value.get('x'))}, {show(value.get('y'))})" if isinstance(value, dict) else show(value)


def _wire_entry(c: Change, v: _Versions, wf_id: str, key: str) -> Entry:
    edge = (c.new if c.op == "added" else c.old) or {}
    prefer = 1 if c.op == "added" else 0
    source, target = edge.get("source", ""), edge.get("target", "")
    source_node = v.node(wf_id, source, prefer)
    message = Message("diff.wire", {"source": step_name(source_node, source),
                                    "port": port_label(source_node, edge.get("source_port", "")),
                                    "target": step_name(v.node(wf_id, target, prefer), target)})
    return Entry(c, "wire", wf_id, key, "", "", message)


def _thing(c: Change, scope: str, wf_id: str | None, target: str, rest: tuple[str, ...], name: Message,
           item: Any) -> Entry:
    """A stage or a sticky note: added/removed whole, or a field of it changed."""
    if not rest:
        words = item.get("name") or item.get("text") or "" if isinstance(item, dict) else ""
        return Entry(c, scope, wf_id, target, "", "", Message("diff.thing", {"name": name, "words": show(words, 50)}))
    label = field_label(MODELS[scope], rest)
    change = _field_text(c, field_label(MODELS[scope], rest, words=True), show(c.old), show(c.new))
    return Entry(c, scope, wf_id, target, ".".join(rest), label, Message("diff.thing-field", {"name": name, "change": change}))


# --- text ------------------------------------------------------------------------------------


def render_text(entries: list[Entry], a: dict, b: dict, names: tuple[str, str] = ("a", "b")) -> str:
    """A readable report: blueprint-wide changes first, then each workflow's."""
    if not entries:
        return render(Message("diff.none", {"a": names[0], "b": names[1]}))
    lines = [render(Message("diff.head", {"a": names[0], "b": names[1], "count": len(entries)}))]
    top = [e for e in entries if e.workflow is None]
    if top:
        lines.append(render(Message("diff.blueprint", {"name": b.get("name") or a.get("name") or ""})))
        lines += [f"  {e.text}" for e in top]
    whole = {e.workflow: e for e in entries if e.scope == "workflow" and not e.field and e.workflow}
    by_workflow: dict[str, list[Entry]] = {}
    for e in entries:
        if e.workflow is not None and e.workflow not in whole:
            by_workflow.setdefault(e.workflow, []).append(e)
    names_b = {w.get("id"): w.get("name", "") for w in a.get("workflows", []) + b.get("workflows", [])}
    for wf_id, group in by_workflow.items():
        lines.append(render(Message("diff.workflow-head", {"id": wf_id, "name": names_b.get(wf_id, "")})))
        lines += [f"  {e.text}" for e in group]
    lines += [e.text for e in whole.values()]
    return "\n".join(lines)


# --- what the compare view colours -------------------------------------------------------------


@dataclass
class Marks:
    """Per workflow: each step's and wire's state in the old (``before``) and new
    (``after``) version: 'added', 'removed' or 'changed'."""

    before: dict[str, str]
    after: dict[str, str]
    wires_before: dict[str, str]
    wires_after: dict[str, str]


def marks(entries: list[Entry], workflow_id: str) -> Marks:
    out = Marks({}, {}, {}, {})
    for e in entries:
        if e.workflow != workflow_id or e.target is None or e.change.layout:
            continue
        if e.scope == "step" and not e.field:
            (out.after if e.change.op == "added" else out.before)[e.target] = e.change.op
        elif e.scope == "step":
            out.before.setdefault(e.target, "changed")
            out.after.setdefault(e.target, "changed")
        elif e.scope == "wire":
            (out.wires_after if e.change.op == "added" else out.wires_before)[e.target] = e.change.op
    return out


def focus_step(entry: Entry) -> str | None:
    """The step to show for an entry: the step itself, or a wire's source."""
    if entry.scope == "step":
        return entry.target
    if entry.scope == "wire":
        edge = entry.change.new if entry.change.op == "added" else entry.change.old
        return edge.get("source") if isinstance(edge, dict) else None
    return None
