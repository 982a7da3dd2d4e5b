"""The gesture protocol shared by every canvas gesture."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from designer.canvas.view import CanvasView


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


class Gesture:
    """Start on a press, follow moves, finish on release; cancel puts everything back."""

    def __init__(self, view: CanvasView) -> None:
        self.view = view
        self.scene = view.scene()
        self.editor = view.editor

    @property
    def workflow_id(self) -> str:
        return self.scene.workflow_id

    def start(self, event) -> None:
        pass

    def move(self, event) -> None:
        pass

    def finish(self, event) -> None:
        pass

    def cancel(self) -> None:
        pass
