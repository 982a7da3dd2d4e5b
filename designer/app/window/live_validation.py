"""Live validation: the validator runs a moment after the user stops editing
(debounced, never inside a paint or a mouse move) and hands its problems to
the badges, the problems panel, the inspector and the status bar."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from designer.document import Document
from designer.validation import Problem, validate

DELAY_MS = 300
log = logging.getLogger(__name__)


class LiveValidation(QObject):
    problemsChanged = Signal(list)

    def __init__(self, document: Document, parent: QObject | None = None, delay_ms: int = DELAY_MS) -> None:
        super().__init__(parent)
        self.document = document
        self.problems: list[Problem] = []
        self._revision: int | None = None
        self.timer = QTimer(self, singleShot=True, interval=delay_ms, timeout=self.run_now)

    def schedule(self, *_args) -> None:
        """Something changed: validate once the edits pause."""
        self.timer.start()

    def run_now(self) -> list[Problem]:
        self.timer.stop()
        if self._revision == self.document.revision:
            return self.problems
        self._revision = self.document.revision
        try:
            problems = validate(self.document.blueprint)
        except Exception:  # a validator bug must not take the editor down
            log.exception("validation failed")
            return self.problems
        if problems != self.problems:
            self.problems = problems
            self.problemsChanged.emit(problems)
        return problems
