"""Palette drop: a node kind dragged from the palette (mime type
``application/x-journey-node-kind``, text = kind id) lands where it is dropped.
A ghost card follows the mouse while the drag is over the canvas."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QGraphicsRectItem

from designer.canvas import theme
from designer.nodes import get_kind

from .base import Gesture, tr

MIME = "application/x-journey-node-kind"


def kind_of(mime) -> str | None:
    if mime is None or not mime.hasFormat(MIME):
        return None
    kind_id = bytes(mime.data(MIME)).decode("utf-8", "replace").strip()
    return kind_id if get_kind(kind_id) is not None else None


class PaletteDropGesture(Gesture):
    def start(self, event) -> bool:
        self.kind_id = kind_of(event.mimeData())
        if self.kind_id is None:
            event.ignore()
            return False
        event.acceptProposedAction()
        self.ghost = QGraphicsRectItem(QRectF(0, 0, theme.NODE_WIDTH, theme.NODE_BASE_HEIGHT))
        self.ghost.setPen(theme.pen(theme.SELECTION, 1.5, 255, Qt.PenStyle.DashLine))
        self.ghost.setBrush(theme.brush(theme.SELECTION, 28))
        self.ghost.setZValue(6)
        self.scene.addItem(self.ghost)
        self.move(event)
        self.view.show_message(tr("Drop to add %s") % get_kind(self.kind_id).label)
        return True

    def _top_left(self, event):
        pos = self.view.mapToScene(event.position().toPoint())
        return pos.x() - theme.NODE_WIDTH / 2, pos.y() - theme.NODE_BASE_HEIGHT / 2

    def move(self, event) -> None:
        event.acceptProposedAction()
        self.ghost.setPos(*self._top_left(event))

    def finish(self, event) -> None:
        x, y = self._top_left(event)
        self.cancel()
        event.acceptProposedAction()
        self.editor.add_node(self.workflow_id, self.kind_id, x, y)

    def cancel(self) -> None:
        if self.ghost.scene() is not None:
            self.scene.removeItem(self.ghost)
        self.view.show_message("")
