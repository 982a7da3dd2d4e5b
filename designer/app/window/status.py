"""The status bar: messages (refused wires, hints), the problem count and the zoom level."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QStatusBar, QToolButton

from designer.validation import Problem

from .. import panel_style as ps


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


MESSAGE_MS = 6000


class StatusBar(QStatusBar):
    problemsClicked = Signal()
    zoomClicked = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.problems = QToolButton(self)
        self.problems.setToolTip(tr("Show the Problems panel"))
        self.problems.clicked.connect(self.problemsClicked)
        self.zoom = QToolButton(self)
        self.zoom.setToolTip(tr("Zoom level (click: actual size)"))
        self.zoom.clicked.connect(self.zoomClicked)
        self.addPermanentWidget(self.problems)
        self.addPermanentWidget(self.zoom)
        self.checking = False
        self.set_zoom(1.0)
        self.set_problems([])

    def set_zoom(self, zoom: float) -> None:
        self.zoom.setText(tr("Zoom %d%%") % round(zoom * 100))

    def set_checking(self, checking: bool) -> None:
        """A check of a large blueprint is running (on a worker): say so until it ends."""
        self.checking = checking
        if checking:
            self.problems.setText(tr("Checking…"))
            self.problems.setStyleSheet(f"color: {ps.MUTED}; font-weight: 600;")
        else:
            self.set_problems(self._shown)

    def set_problems(self, problems: list[Problem]) -> None:
        self._shown = problems
        if self.checking:
            return  # shown when the check ends
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        if not problems:
            self.problems.setText(tr("✓ No problems"))
            colour = ps.VALID
        else:
            parts = []
            if errors:
                parts.append(tr("%d error(s)") % errors if errors != 1 else tr("1 error"))
            if warnings:
                parts.append(tr("%d warning(s)") % warnings if warnings != 1 else tr("1 warning"))
            self.problems.setText("● " + " · ".join(parts))
            colour = ps.ERROR if errors else ps.WARNING
        self.problems.setStyleSheet(f"color: {colour}; font-weight: 600;")

    def show_message(self, text: str, timeout: int = MESSAGE_MS) -> None:
        if text:
            self.showMessage(text, timeout)
        else:
            self.clearMessage()
