"""The one small Qt bridge: the core document's plain observer, re-emitted as a Qt signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from designer.document import Change, Document


class DocumentBridge(QObject):
    changed = Signal(object)  # a designer.document.Change

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._unsubscribe = document.subscribe(self.changed.emit)

    def close(self) -> None:
        self._unsubscribe()


__all__ = ["Change", "DocumentBridge"]
