"""Every undoable edit, as a QUndoCommand that acts on the Document by stable ids.

Commands never hold graphics items: the scene follows the document's change
notifications. One gesture is one command (a composite where it touches many
things), and the menu names it ("Undo Move 3 nodes").
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from designer.blueprint import Edge, Node, StickyNote, Workflow
from designer.document import ConnectionRefused, Document

MOVE_ID = 1001  # arrow-key nudges merge into one step


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many.format(n=n)


class _Command(QUndoCommand):
    def __init__(self, document: Document, text: str) -> None:
        super().__init__(text)
        self.document = document


class AddNodes(_Command):
    """Add nodes with the wires among them (palette drop, quick-add, paste, duplicate)."""

    def __init__(self, document: Document, workflow_id: str, nodes: list[Node], edges: list[Edge] = (), text: str = ""):
        n = len(nodes)
        super().__init__(document, text or (tr("Add %s") % nodes[0].display_title if n == 1 else tr("Add %d nodes") % n))
        self.workflow_id, self.nodes, self.edges = workflow_id, list(nodes), list(edges)

    def redo(self) -> None:
        self.document.add_nodes(self.workflow_id, self.nodes, self.edges)

    def undo(self) -> None:
        self.document.remove_nodes(self.workflow_id, [n.id for n in self.nodes])


class RemoveNodes(_Command):
    """Delete nodes and every wire touching them; undo restores both in place."""

    def __init__(self, document: Document, workflow_id: str, node_ids: list[str], text: str = ""):
        n = len(node_ids)
        super().__init__(document, text or _plural(n, tr("Delete node"), tr("Delete {n} nodes")))
        self.workflow_id, self.node_ids = workflow_id, list(node_ids)
        self.removed: tuple[list, list] = ([], [])

    def redo(self) -> None:
        self.removed = self.document.remove_nodes(self.workflow_id, self.node_ids)

    def undo(self) -> None:
        nodes, edges = self.removed
        self.document.add_nodes(
            self.workflow_id, [n for _, n in nodes], [e for _, e in edges], [i for i, _ in nodes], [i for i, _ in edges]
        )


class MoveNodes(_Command):
    """Move nodes/notes; a drag is pushed once on release. Nudges merge."""

    def __init__(self, document: Document, workflow_id: str, old: dict, new: dict, nudge: bool = False):
        super().__init__(document, _plural(len(new), tr("Move node"), tr("Move {n} nodes")))
        self.workflow_id, self.old, self.new, self.nudge = workflow_id, dict(old), dict(new), nudge

    def id(self) -> int:
        return MOVE_ID if self.nudge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, MoveNodes) and other.nudge and other.new.keys() == self.new.keys()):
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.document.move_nodes(self.workflow_id, self.new)

    def undo(self) -> None:
        self.document.move_nodes(self.workflow_id, self.old)


class Connect(_Command):
    """Raises ConnectionRefused when built for a wire that makes no sense, so a
    refused wire never reaches the undo stack."""

    def __init__(self, document: Document, workflow_id: str, edge: Edge):
        refusal = document.can_connect(workflow_id, edge.source, edge.source_port, edge.target)
        if refusal is not None:
            raise ConnectionRefused(refusal)
        super().__init__(document, tr("Connect"))
        self.workflow_id, self.edge = workflow_id, edge

    def redo(self) -> None:
        self.document.connect(self.workflow_id, self.edge)

    def undo(self) -> None:
        self.document.disconnect(self.workflow_id, self.edge.source, self.edge.source_port)


class Disconnect(_Command):
    def __init__(self, document: Document, workflow_id: str, source: str, port: str):
        super().__init__(document, tr("Disconnect"))
        self.workflow_id, self.source, self.port = workflow_id, source, port
        self.index, self.edge = 0, None

    def redo(self) -> None:
        self.index, self.edge = self.document.disconnect(self.workflow_id, self.source, self.port)

    def undo(self) -> None:
        self.document.connect(self.workflow_id, self.edge, self.index)


class SetNodeSettings(_Command):
    def __init__(self, document: Document, workflow_id: str, node_id: str, settings: dict[str, Any], text: str = ""):
        title = document.node(workflow_id, node_id).display_title
        super().__init__(document, text or tr("Change %s") % title)
        self.workflow_id, self.node_id, self.new = workflow_id, node_id, dict(settings)
        self.old: dict[str, Any] = {}

    def redo(self) -> None:
        self.old = self.document.set_node_settings(self.workflow_id, self.node_id, self.new)

    def undo(self) -> None:
        self.document.set_node_settings(self.workflow_id, self.node_id, self.old)


class SetNodeBehaviour(_Command):
    """The dry-run behaviour override of a step (see designer.runtime.dryrun.effects)."""

    def __init__(self, document: Document, workflow_id: str, node_id: str, behaviour: dict[str, Any] | None):
        title = document.node(workflow_id, node_id).display_title
        super().__init__(document, tr("Change behaviour of %s") % title)
        self.workflow_id, self.node_id, self.new, self.old = workflow_id, node_id, behaviour, None

    def redo(self) -> None:
        self.old = self.document.set_node_behaviour(self.workflow_id, self.node_id, self.new)

    def undo(self) -> None:
        self.document.set_node_behaviour(self.workflow_id, self.node_id, self.old)


class RenameNode(_Command):
    def __init__(self, document: Document, workflow_id: str, node_id: str, title: str):
        super().__init__(document, tr("Rename node"))
        self.workflow_id, self.node_id, self.new, self.old = workflow_id, node_id, title, ""

    def redo(self) -> None:
        self.old = self.document.set_node_title(self.workflow_id, self.node_id, self.new)

    def undo(self) -> None:
        self.document.set_node_title(self.workflow_id, self.node_id, self.old)


class SetWorkflowField(_Command):
    """Rename a workflow, or change its goal, journey settings, stages or build-queue entry."""

    def __init__(self, document: Document, workflow_id: str, name: str, value: Any, text: str = ""):
        super().__init__(document, text or (tr("Rename workflow") if name == "name" else tr("Change workflow %s") % name))
        self.workflow_id, self.name, self.new, self.old = workflow_id, name, value, None

    def redo(self) -> None:
        self.old = self.document.set_workflow_field(self.workflow_id, self.name, self.new)

    def undo(self) -> None:
        self.document.set_workflow_field(self.workflow_id, self.name, self.old)


class SetBlueprintField(_Command):
    def __init__(self, document: Document, name: str, value: Any, text: str = ""):
        super().__init__(document, text or tr("Change blueprint %s") % name)
        self.name, self.new, self.old = name, value, None

    def redo(self) -> None:
        self.old = self.document.set_blueprint_field(self.name, self.new)

    def undo(self) -> None:
        self.document.set_blueprint_field(self.name, self.old)


class AddWorkflow(_Command):
    def __init__(self, document: Document, workflow: Workflow, index: int | None = None, text: str = ""):
        super().__init__(document, text or tr("Add workflow"))
        self.workflow, self.index = workflow, index

    def redo(self) -> None:
        self.document.add_workflow(self.workflow, self.index)

    def undo(self) -> None:
        self.document.remove_workflow(self.workflow.id)


class RemoveWorkflow(_Command):
    def __init__(self, document: Document, workflow_id: str):
        super().__init__(document, tr("Delete workflow"))
        self.workflow_id, self.removed, self.index = workflow_id, None, 0

    def redo(self) -> None:
        self.removed, self.index = self.document.remove_workflow(self.workflow_id)

    def undo(self) -> None:
        self.document.add_workflow(self.removed, self.index)


class MoveWorkflow(_Command):
    def __init__(self, document: Document, workflow_id: str, index: int):
        super().__init__(document, tr("Reorder workflows"))
        self.workflow_id, self.new, self.old = workflow_id, index, 0

    def redo(self) -> None:
        self.old = self.document.move_workflow(self.workflow_id, self.new)

    def undo(self) -> None:
        self.document.move_workflow(self.workflow_id, self.old)


class AddNote(_Command):
    def __init__(self, document: Document, workflow_id: str, note: StickyNote):
        super().__init__(document, tr("Add sticky note"))
        self.workflow_id, self.note = workflow_id, note

    def redo(self) -> None:
        self.document.add_note(self.workflow_id, self.note)

    def undo(self) -> None:
        self.document.remove_note(self.workflow_id, self.note.id)


class RemoveNote(_Command):
    def __init__(self, document: Document, workflow_id: str, note_id: str):
        super().__init__(document, tr("Delete sticky note"))
        self.workflow_id, self.note_id, self.index, self.note = workflow_id, note_id, 0, None

    def redo(self) -> None:
        self.index, self.note = self.document.remove_note(self.workflow_id, self.note_id)

    def undo(self) -> None:
        self.document.add_note(self.workflow_id, self.note, self.index)


class EditNote(_Command):
    def __init__(self, document: Document, workflow_id: str, note_id: str, **fields: Any):
        super().__init__(document, tr("Edit sticky note"))
        self.workflow_id, self.note_id, self.new, self.old = workflow_id, note_id, fields, {}

    def redo(self) -> None:
        self.old = self.document.update_note(self.workflow_id, self.note_id, **self.new)

    def undo(self) -> None:
        self.document.update_note(self.workflow_id, self.note_id, **self.old)
