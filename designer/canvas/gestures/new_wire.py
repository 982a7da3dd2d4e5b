"""New wire: drag from an output port onto a step.

While the wire follows the mouse, the step under it shows whether the
connection is allowed (green) or refused (red, with the core's reason in a
tooltip and the status bar). Releasing on a refused step says why; releasing
on empty canvas offers the quick-add search and wires the new step in.
The rules are the core's (``check_connection``): the workflow's nodes and
wired ports are read once when the gesture starts, not on every mouse move.
"""

from __future__ import annotations

from PySide6.QtWidgets import QToolTip

from designer.canvas.edge_item import PendingWireItem
from designer.canvas.node_item import NodeItem
from designer.canvas.port_item import PortItem
from designer.connections import Refusal, check_connection

from .base import Gesture, tr


class NewWireGesture(Gesture):
    def __init__(self, view, port: PortItem) -> None:
        super().__init__(view)
        self.port = port
        self.source = port.node_id
        self._target: NodeItem | None = None
        self._refusal: Refusal | None = None
        self._verdicts: dict[str, Refusal | None] = {}

    def start(self, event) -> None:
        wf = self.scene.workflow
        self._nodes = wf.node_map()
        self._wired = {(e.source, e.source_port) for e in wf.edges}
        self.wire = PendingWireItem(self.scene.nodes[self.source].output_anchor(self.port.port_id))
        self.scene.addItem(self.wire)
        self.wire.set_end(self.view.mapToScene(event.position().toPoint()), None)
        self.view.show_message(tr("Drag onto a step to connect '%s'; release on empty canvas to add a step") % self.port.label)

    def verdict(self, target: str) -> Refusal | None:
        if target not in self._verdicts:
            self._verdicts[target] = check_connection(self._nodes, self._wired, self.source, self.port.port_id, target)
        return self._verdicts[target]

    def move(self, event) -> None:
        pos = self.view.mapToScene(event.position().toPoint())
        target = self.scene.node_at(pos)
        if target is not self._target:
            if self._target is not None:
                self._target.set_drop_state(None)
            self._target = target
            self._refusal = self.verdict(target.node_id) if target is not None else None
            if target is not None:
                target.set_drop_state("invalid" if self._refusal else "valid")
            if self._refusal is not None:
                reason = tr("Cannot connect: %s") % self._refusal.reason
                QToolTip.showText(event.globalPosition().toPoint(), reason, self.view.viewport())
                self.view.show_message(reason)
            else:
                QToolTip.hideText()
        state = None if target is None else ("invalid" if self._refusal else "valid")
        end = target.input_anchor() if target is not None and not self._refusal else pos
        self.wire.set_end(end, state)

    def finish(self, event) -> None:
        target = self._target
        self._clear()
        if target is None:
            scene_pos = self.view.mapToScene(event.position().toPoint())
            self.view.quick_add(event.globalPosition().toPoint(), scene_pos, wire_from=(self.source, self.port.port_id))
            return
        if target.node_id == self.source and self._refusal is None:
            return
        # The core decides (again, on the current model) and reports a refusal itself.
        self.editor.connect(self.workflow_id, self.source, self.port.port_id, target.node_id)

    def cancel(self) -> None:
        self._clear()
        self.view.show_message("")

    def _clear(self) -> None:
        if self._target is not None:
            self._target.set_drop_state(None)
        QToolTip.hideText()
        if self.wire.scene() is not None:
            self.scene.removeItem(self.wire)
