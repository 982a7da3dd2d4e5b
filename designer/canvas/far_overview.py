"""Far level of detail: when the view is zoomed out so far that a card is a
small block, one item draws every card and wire in a handful of C++ calls.

Below ``FAR_ZOOM`` (decided by the view from its transform) the scene sets
``ItemHasNoContents`` on the cards and wires: they stay in the scene, hit
testable, selectable and movable, but Qt makes no Python paint call for
them. This item draws them instead, from paths it rebuilds only after a
change (a move, a new wire, the selection, a badge).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem

from . import theme

FAR_ZOOM = 0.3
LABEL_PX = 54  # run-count labels, in scene units


class FarOverviewItem(QGraphicsItem):
    def __init__(self, scene) -> None:
        super().__init__()
        self._scene = scene
        self._dirty = True
        self._rect = QRectF()
        self._fills: list[tuple[str, QPainterPath]] = []
        self._wires = QPainterPath()
        self._selected = QPainterPath()
        self._errors = QPainterPath()
        self._warnings = QPainterPath()
        self.labels: dict[str, tuple[str, str]] = {}  # node id -> (text, fill): run counts, drawn on the card
        self.setZValue(0.5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setVisible(False)

    def shape(self) -> QPainterPath:
        return QPainterPath()  # never hit: the cards underneath take the mouse

    def mark_dirty(self, *_args) -> None:
        if not self._dirty:
            self._dirty = True
            if self.isVisible():
                self.update()

    def boundingRect(self) -> QRectF:
        if self._dirty:
            self._rebuild()
        return self._rect

    def _rebuild(self) -> None:
        self._dirty = False
        by_colour: dict[str, QPainterPath] = {}
        selected, errors, warnings, wires = QPainterPath(), QPainterPath(), QPainterPath(), QPainterPath()
        for item in self._scene.nodes.values():
            rect = item.card_rect().translated(item.pos())
            colour = item.look.colour
            by_colour.setdefault(colour, QPainterPath()).addRect(rect)
            if item.isSelected():
                selected.addRect(rect)
            if item.badge:
                badge = QRectF(rect.right() - 60, rect.top(), 60, 60)
                (errors if item.badge[0] == "error" else warnings).addRect(badge)
        for edge in self._scene.edges.values():
            wires.addPath(edge.path())
        self._fills = sorted(by_colour.items())
        self._wires, self._selected, self._errors, self._warnings = wires, selected, errors, warnings
        rect = wires.boundingRect()
        for _, path in self._fills:
            rect = rect.united(path.boundingRect())
        rect.adjust(0, -LABEL_PX - 14, 0, 0)  # the run-count labels above the top row
        self.prepareGeometryChange()
        self._rect = rect.adjusted(-10, -10, 10, 10)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self._dirty:
            self._rebuild()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(theme.pen(theme.EDGE, 0))
        painter.drawPath(self._wires)
        painter.setPen(Qt.PenStyle.NoPen)
        for colour, path in self._fills:
            painter.fillPath(path, theme.tint(colour, 0.45))
        painter.fillPath(self._errors, theme.colour(theme.ERROR))
        painter.fillPath(self._warnings, theme.colour(theme.WARNING))
        if not self._selected.isEmpty():
            painter.fillPath(self._selected, theme.colour(theme.SELECTION))
        if self.labels:
            self._paint_labels(painter)

    def set_labels(self, labels: dict[str, tuple[str, str]]) -> None:
        """Run counts (counts.py): one number across each card, as large as the card allows."""
        self.labels = labels
        if self.isVisible():
            self.update()

    def _paint_labels(self, painter: QPainter) -> None:
        font = QFont(theme.font(10, 700))
        font.setPixelSize(LABEL_PX)  # scene units: legible on screen down to about a fifth of full size
        painter.setFont(font)
        nodes = self._scene.nodes
        for node_id, (text, fill) in self.labels.items():
            item = nodes.get(node_id)
            if item is None:
                continue
            rect = QRectF(item.pos().x(), item.pos().y() - LABEL_PX - 14, theme.NODE_WIDTH, LABEL_PX + 10)
            painter.fillRect(rect, theme.colour(fill, 225))
            painter.setPen(theme.colour("#ffffff"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
