"""Move: drag cards and notes; one undo step, pushed on release (snapped to the grid)."""

from __future__ import annotations

from PySide6.QtWidgets import QGraphicsView

from designer.canvas.node_item import NodeItem
from designer.canvas.note_item import NoteItem

from .base import Gesture


class MoveGesture(Gesture):
    """Qt moves the selected items while the mouse drags; this records where
    they started and turns the drag into one MoveNodes command."""

    def start(self, event) -> None:
        QGraphicsView.mousePressEvent(self.view, event)  # Qt selects and grabs
        self.start_pos = self._positions()
        self.scene.user_dragging = True

    def _positions(self) -> dict[str, tuple[float, float]]:
        out = {}
        for item in self.scene.selectedItems():
            if isinstance(item, NodeItem):
                out[item.node_id] = (item.x(), item.y())
            elif isinstance(item, NoteItem):
                out[item.note_id] = (item.x(), item.y())
        return out

    def move(self, event) -> None:
        QGraphicsView.mouseMoveEvent(self.view, event)

    def finish(self, event) -> None:
        QGraphicsView.mouseReleaseEvent(self.view, event)
        self.scene.user_dragging = False
        now = self._positions()
        old = {k: v for k, v in self.start_pos.items() if k in now}
        self.editor.move(self.workflow_id, old, {k: now[k] for k in old})

    def cancel(self) -> None:
        """Put the items back where the drag started."""
        self.scene.user_dragging = False
        for key, (x, y) in self.start_pos.items():
            item = self.scene.nodes.get(key) or self.scene.notes.get(key)
            if item is not None:
                item.setPos(x, y)
        if self.scene.mouseGrabberItem() is not None:
            self.scene.mouseGrabberItem().ungrabMouse()
