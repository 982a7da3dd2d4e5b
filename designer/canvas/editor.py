"""The editing service: the one owner of a window's undo stack.

Every edit of the document, whether from a canvas gesture, the inspector, the
workflow tabs, the build queue or a menu, is turned here into commands from
``commands.py`` (``apply`` for a ready-made command, ``macro`` to group
several into one undo step). Nothing else pushes onto the stack. It never
touches items; the scenes follow the document. A refused wire or value is
reported through ``refused`` with the reason, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from designer.blueprint import Edge, Node, Position, StickyNote, Workflow, next_id
from designer.connections import Refusal, check_connection
from designer.document import ConnectionRefused, Document
from designer.nodes import get_kind

from . import clipboard, commands, theme

PASTE_OFFSET = 40.0


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def snapped(x: float, y: float) -> tuple[float, float]:
    step = theme.GRID_STEP
    return round(x / step) * step, round(y / step) * step


class Editor(QObject):
    refused = Signal(str)  # a refusal's reason, for the status bar
    nodesAdded = Signal(str, list)  # workflow id, new node ids (the window selects them)

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.stack = QUndoStack(self)  # read it for undo/redo actions and the clean state; push only through apply()

    # --- the stack -------------------------------------------------------------------
    def apply(self, command: QUndoCommand | None) -> None:
        """Do ``command`` as one undo step (``None``, for "nothing to change", is ignored)."""
        if command is not None:
            self.stack.push(command)

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Group the commands applied inside into one undo step named ``text``."""
        self.stack.beginMacro(text)
        try:
            yield
        finally:
            self.stack.endMacro()

    # --- workflows -------------------------------------------------------------------
    def set_workflow_field(self, workflow_id: str, name: str, value: object, text: str = "") -> bool:
        """Set one field of a workflow; a value the model refuses is reported, never applied."""
        wf = self.document.workflow(workflow_id)
        if getattr(wf, name) == value:
            return True
        try:  # check on a copy first: a refused value never reaches the undo stack
            setattr(wf.model_copy(), name, value)
        except (ValueError, TypeError) as err:
            self.refused.emit(tr("Not changed: %s") % str(err).splitlines()[0])
            return False
        command = commands.SetWorkflowField(self.document, workflow_id, name, value)
        if text:
            command.setText(text)
        self.apply(command)
        return True

    def add_workflow(self, workflow: Workflow, index: int | None = None, text: str = "") -> None:
        self.apply(commands.AddWorkflow(self.document, workflow, index, text))

    def remove_workflow(self, workflow_id: str) -> None:
        self.apply(commands.RemoveWorkflow(self.document, workflow_id))

    def move_workflow(self, workflow_id: str, index: int) -> None:
        self.apply(commands.MoveWorkflow(self.document, workflow_id, index))

    # --- adding ----------------------------------------------------------------------
    def new_node(self, workflow_id: str, kind_id: str, x: float, y: float) -> Node:
        kind = get_kind(kind_id)
        if kind is None:
            raise KeyError(kind_id)
        wf = self.document.workflow(workflow_id)
        node_id = next_id([n.id for n in wf.nodes], "n")
        x, y = snapped(x, y)
        return Node(id=node_id, kind=kind.kind, position=Position(x=x, y=y), settings=kind.defaults())

    def add_node(self, workflow_id: str, kind_id: str, x: float, y: float, wire_from: tuple[str, str] | None = None) -> str | None:
        """Add a node of ``kind_id`` with its top-left corner at (x, y); optionally wire
        ``wire_from`` = (source, port) into it, in the same undo step."""
        if get_kind(kind_id) is None:
            self.refused.emit(tr("Unknown step kind: %s") % kind_id)
            return None
        node = self.new_node(workflow_id, kind_id, x, y)
        edges: list[Edge] = []
        if wire_from is not None:
            wf = self.document.workflow(workflow_id)
            nodes = wf.node_map() | {node.id: node}
            wired = {(e.source, e.source_port) for e in wf.edges}
            refusal = check_connection(nodes, wired, wire_from[0], wire_from[1], node.id)
            if refusal is None:
                edges.append(Edge(source=wire_from[0], source_port=wire_from[1], target=node.id))
            else:
                self.refused.emit(tr("Added without a wire: %s") % refusal.reason)
        self.apply(commands.AddNodes(self.document, workflow_id, [node], edges))
        self.nodesAdded.emit(workflow_id, [node.id])
        return node.id

    def add_note(self, workflow_id: str, x: float, y: float, text: str = "") -> str:
        wf = self.document.workflow(workflow_id)
        note_id = next_id([n.id for n in wf.notes] + [n.id for n in wf.nodes], "note")
        x, y = snapped(x, y)
        note = StickyNote(id=note_id, text=text or tr("Comment"), position=Position(x=x, y=y))
        self.apply(commands.AddNote(self.document, workflow_id, note))
        return note_id

    # --- wires -----------------------------------------------------------------------
    def connect(self, workflow_id: str, source: str, port: str, target: str) -> Refusal | None:
        try:
            command = commands.Connect(self.document, workflow_id, Edge(source=source, source_port=port, target=target))
        except ConnectionRefused as err:
            self.refused.emit(tr("Cannot connect: %s") % err.refusal.reason)
            return err.refusal
        self.apply(command)
        return None

    # --- moving ----------------------------------------------------------------------
    def move(self, workflow_id: str, old: dict, new: dict, nudge: bool = False) -> None:
        changed = {k: v for k, v in new.items() if old.get(k) != v}
        if changed:
            self.apply(commands.MoveNodes(self.document, workflow_id, {k: old[k] for k in changed}, changed, nudge))

    def layout(self, workflow_id: str, heights: dict[str, float] | None = None, only: list[str] | None = None) -> None:
        wf = self.document.workflow(workflow_id)
        from designer.layout import auto_layout  # networkx: loaded on the first auto-layout, not at start-up

        new = auto_layout(wf, heights, only)
        nodes = wf.node_map()
        old = {k: (nodes[k].position.x, nodes[k].position.y) for k in new}
        changed = {k: v for k, v in new.items() if old[k] != v}
        if not changed:
            self.refused.emit(tr("The workflow is already laid out"))
            return
        command = commands.MoveNodes(self.document, workflow_id, {k: old[k] for k in changed}, changed)
        command.setText(tr("Auto-layout"))
        self.apply(command)

    # --- deleting --------------------------------------------------------------------
    def delete(self, workflow_id: str, node_ids: list[str], note_ids: list[str] = (), edges: list[tuple[str, str, str]] = ()) -> None:
        wf = self.document.workflow(workflow_id)
        gone = set(node_ids) & {n.id for n in wf.nodes}
        node_ids = [n for n in node_ids if n in gone]
        note_ids = [n for n in note_ids if n in {note.id for note in wf.notes}]
        present = {(e.source, e.source_port, e.target) for e in wf.edges}
        # only wires that exist, and not those that go with their nodes anyway
        edges = [e for e in edges if tuple(e) in present and e[0] not in gone and e[2] not in gone]
        steps = len(node_ids) > 0, len(note_ids) > 0, len(edges) > 0
        if not any(steps):
            return
        if sum(steps) == 1 and (node_ids or len(note_ids) == 1 or len(edges) == 1):
            self._delete_one_kind(workflow_id, node_ids, note_ids, edges)
            return
        n = len(node_ids)
        text = tr("Delete %d nodes") % n if n > 1 else tr("Delete node") if n == 1 else tr("Delete %d items") % (len(note_ids) + len(edges))
        with self.macro(text):
            self._delete_one_kind(workflow_id, node_ids, note_ids, edges)

    def _delete_one_kind(self, workflow_id, node_ids, note_ids, edges) -> None:
        for source, port, _ in edges:
            self.apply(commands.Disconnect(self.document, workflow_id, source, port))
        if node_ids:
            self.apply(commands.RemoveNodes(self.document, workflow_id, list(node_ids)))
        for note_id in note_ids:
            self.apply(commands.RemoveNote(self.document, workflow_id, note_id))

    # --- clipboard -------------------------------------------------------------------
    def copy(self, workflow_id: str, node_ids: list[str], note_ids: list[str] = ()) -> bool:
        clip = clipboard.take(self.document.workflow(workflow_id), node_ids, note_ids)
        if clip:
            clipboard.put(clip)
        return bool(clip)

    def cut(self, workflow_id: str, node_ids: list[str], note_ids: list[str] = ()) -> None:
        if self.copy(workflow_id, node_ids, note_ids):
            n = len(node_ids) + len(note_ids)
            with self.macro(tr("Cut %d items") % n if n != 1 else tr("Cut")):
                self.delete(workflow_id, node_ids, note_ids)

    def paste(self, workflow_id: str, at: tuple[float, float] | None = None, clip: clipboard.Clip | None = None,
              text: str = "") -> list[str]:
        """Paste the clipboard (or ``clip``) with its top-left at ``at`` (default: offset
        from where it was copied); returns the new node and note ids."""
        clip = clip if clip is not None else clipboard.get()
        if not clip:
            self.refused.emit(tr("Nothing to paste: the clipboard holds no journey steps"))
            return []
        wf = self.document.workflow(workflow_id)
        if at is None:
            ox, oy = clip.origin()
            at = (ox + PASTE_OFFSET, oy + PASTE_OFFSET)
        fresh = clipboard.fresh_copy(clip, wf, snapped(*at))
        n = len(fresh.nodes) + len(fresh.notes)
        with self.macro(text or (tr("Paste %d items") % n if n != 1 else tr("Paste"))):
            if fresh.nodes:
                self.apply(commands.AddNodes(self.document, workflow_id, fresh.nodes, fresh.edges))
            for note in fresh.notes:
                self.apply(commands.AddNote(self.document, workflow_id, note))
        ids = [n.id for n in fresh.nodes] + [n.id for n in fresh.notes]
        self.nodesAdded.emit(workflow_id, ids)
        return ids

    def duplicate(self, workflow_id: str, node_ids: list[str], note_ids: list[str] = ()) -> list[str]:
        clip = clipboard.take(self.document.workflow(workflow_id), node_ids, note_ids)
        if not clip:
            return []
        ox, oy = clip.origin()
        n = len(node_ids) + len(note_ids)
        return self.paste(workflow_id, (ox + PASTE_OFFSET, oy + PASTE_OFFSET), clip,
                          tr("Duplicate %d items") % n if n != 1 else tr("Duplicate"))

    # --- small edits -----------------------------------------------------------------
    def rename_node(self, workflow_id: str, node_id: str, title: str) -> None:
        node = self.document.node(workflow_id, node_id)
        if node.title == title:
            return
        if not self._acceptable(node, title=title):
            return
        self.apply(commands.RenameNode(self.document, workflow_id, node_id, title))

    def set_node_settings(self, workflow_id: str, node_id: str, settings: dict) -> None:
        if self.document.node(workflow_id, node_id).settings != settings:
            self.apply(commands.SetNodeSettings(self.document, workflow_id, node_id, settings))

    def set_node_behaviour(self, workflow_id: str, node_id: str, behaviour: dict | None) -> None:
        """Set (or with None/{} clear) a step's dry-run behaviour override, as one undo step."""
        behaviour = behaviour or None
        if self.document.node(workflow_id, node_id).behaviour != behaviour:
            self.apply(commands.SetNodeBehaviour(self.document, workflow_id, node_id, behaviour))

    def edit_note(self, workflow_id: str, note_id: str, fields: dict) -> None:
        note = next((n for n in self.document.workflow(workflow_id).notes if n.id == note_id), None)
        if note is not None and self._acceptable(note, **fields):
            self.apply(commands.EditNote(self.document, workflow_id, note_id, **fields))

    def _acceptable(self, model, **fields) -> bool:
        """Check a change on a copy first: a value the model refuses never reaches the undo stack
        (a command that fails half-way would leave the stack and the model out of step)."""
        try:
            type(model).model_validate({**model.model_dump(), **fields})
        except ValidationError as err:
            first = err.errors()[0]
            self.refused.emit(tr("Not changed: %s: %s") % (".".join(map(str, first["loc"])), first["msg"]))
            return False
        return True
