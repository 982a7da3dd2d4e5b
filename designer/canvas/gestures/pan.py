"""Pan: drag with the middle button, or with the left button while Space is held."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .base import Gesture


class PanGesture(Gesture):
    def start(self, event) -> None:
        self._last = event.position().toPoint()
        self.view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def move(self, event) -> None:
        pos = event.position().toPoint()
        delta = pos - self._last
        self._last = pos
        self.view.scroll_by(-delta.x(), -delta.y())

    def finish(self, event) -> None:
        self.cancel()

    def cancel(self) -> None:
        self.view.restore_cursor()
