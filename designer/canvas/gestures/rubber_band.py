"""Rubber band: drag on empty canvas to select the cards and notes it touches
(Ctrl/Shift adds to the selection)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QRubberBand

from designer.canvas.edge_item import EdgeItem

from .base import Gesture


class RubberBandGesture(Gesture):
    def start(self, event) -> None:
        self._origin = event.position().toPoint()
        self._add = bool(event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
        self._before = set(self.scene.selectedItems()) if self._add else set()
        if not self._add:
            self.scene.clearSelection()
        self._band = QRubberBand(QRubberBand.Shape.Rectangle, self.view.viewport())
        self._band.setGeometry(QRect(self._origin, QSize()))
        self._band.show()

    def move(self, event) -> None:
        rect = QRect(self._origin, event.position().toPoint()).normalized()
        self._band.setGeometry(rect)
        path = QPainterPath()
        path.addPolygon(self.view.mapToScene(rect))
        self.scene.blockSignals(True)  # one selectionChanged at the end, not one per item
        try:
            self.scene.setSelectionArea(path, Qt.ItemSelectionOperation.ReplaceSelection,
                                        Qt.ItemSelectionMode.IntersectsItemShape, self.view.viewportTransform())
            for item in self.scene.selectedItems():
                if isinstance(item, EdgeItem):
                    item.setSelected(False)
            for item in self._before:
                item.setSelected(True)
        finally:
            self.scene.blockSignals(False)

    def finish(self, event) -> None:
        self._band.hide()
        self._band.deleteLater()
        self.scene.selectionChanged.emit()

    def cancel(self) -> None:
        self._band.hide()
        self._band.deleteLater()
        self.scene.clearSelection()
