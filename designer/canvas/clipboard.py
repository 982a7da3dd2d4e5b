"""Copy, cut, paste and duplicate through the system clipboard, as JSON.

The payload holds the chosen nodes, the wires among them and the chosen
sticky notes. It goes on the clipboard both under its own mime type and as
plain text, so it travels between workflows, between windows and between two
running copies of the program. Pasting gives every node and note a fresh id
(``designer.blueprint.next_id``) and rewires the inner wires to the new ids.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from pydantic import ValidationError
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from designer.blueprint import Edge, Node, Position, StickyNote, Workflow, next_id

MIME = "application/x-journey-nodes+json"
FORMAT = "journey-designer-clip"
VERSION = 1


@dataclass
class Clip:
    nodes: list[Node]
    edges: list[Edge]
    notes: list[StickyNote]

    def __bool__(self) -> bool:
        return bool(self.nodes or self.notes)

    def origin(self) -> tuple[float, float]:
        points = [(n.position.x, n.position.y) for n in (*self.nodes, *self.notes)]
        return min(x for x, _ in points), min(y for _, y in points)


def take(workflow: Workflow, node_ids: list[str], note_ids: list[str] = ()) -> Clip:
    """The selection as a clip: nodes, the wires among them, notes."""
    chosen = set(node_ids)
    nodes = [n.model_copy(deep=True) for n in workflow.nodes if n.id in chosen]
    edges = [e.model_copy() for e in workflow.edges if e.source in chosen and e.target in chosen]
    wanted_notes = set(note_ids)
    notes = [n.model_copy(deep=True) for n in workflow.notes if n.id in wanted_notes]
    return Clip(nodes, edges, notes)


def to_json(clip: Clip) -> str:
    return json.dumps(
        {
            "format": FORMAT,
            "version": VERSION,
            "nodes": [n.model_dump(mode="json") for n in clip.nodes],
            "edges": [e.model_dump(mode="json") for e in clip.edges],
            "notes": [n.model_dump(mode="json") for n in clip.notes],
        },
        ensure_ascii=False,
        indent=1,
    )


def from_json(text: str) -> Clip | None:
    """The clip in ``text``, or None if it is not one (pasting other text does nothing)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        return None
    try:
        return Clip(
            [Node.model_validate(n) for n in data.get("nodes", [])],
            [Edge.model_validate(e) for e in data.get("edges", [])],
            [StickyNote.model_validate(n) for n in data.get("notes", [])],
        )
    except (ValidationError, TypeError):
        return None


def put(clip: Clip) -> None:
    text = to_json(clip)
    mime = QMimeData()
    mime.setData(MIME, text.encode("utf-8"))
    mime.setText(text)
    QGuiApplication.clipboard().setMimeData(mime)


def get() -> Clip | None:
    mime = QGuiApplication.clipboard().mimeData()
    if mime is None:
        return None
    if mime.hasFormat(MIME):
        return from_json(bytes(mime.data(MIME)).decode("utf-8", "replace"))
    return from_json(mime.text()) if mime.hasText() else None


def fresh_copy(clip: Clip, workflow: Workflow, at: tuple[float, float]) -> Clip:
    """The clip with fresh ids (not taken in ``workflow``), its top-left corner moved to ``at``."""
    ox, oy = clip.origin()
    dx, dy = at[0] - ox, at[1] - oy
    taken = {n.id for n in workflow.nodes} | {n.id for n in workflow.notes}
    renamed: dict[str, str] = {}
    nodes = []
    for n in clip.nodes:
        new_id = next_id(taken, "n")
        taken.add(new_id)
        renamed[n.id] = new_id
        nodes.append(n.model_copy(deep=True, update={"id": new_id, "position": Position(x=n.position.x + dx, y=n.position.y + dy)}))
    edges = [
        Edge(source=renamed[e.source], source_port=e.source_port, target=renamed[e.target])
        for e in clip.edges
        if e.source in renamed and e.target in renamed
    ]
    notes = []
    for n in clip.notes:
        new_id = next_id(taken, "note")
        taken.add(new_id)
        notes.append(n.model_copy(deep=True, update={"id": new_id, "position": Position(x=n.position.x + dx, y=n.position.y + dy)}))
    return Clip(nodes, edges, notes)
