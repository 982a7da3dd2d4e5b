"""Past dry-runs kept with the file, and two of them side by side (counts per step, conversion)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from . import figures


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def run_label(run: dict) -> str:
    runs = f", {run['runs']} runs" if run.get("runs", 1) > 1 else ""
    return f"#{run['id']}  {run['created_at'].replace('T', ' ')[:16]}  {run['contacts']:,} contacts, " \
           f"{run['days']} days, seed {run['seed']}{runs}"


class ComparePanel(QWidget):
    """Pick two past runs; ``wanted`` asks the controller for their reports."""

    wanted = Signal(int, int)
    HEADER = (QT_TRANSLATE_NOOP("", "Workflow"), QT_TRANSLATE_NOOP("", "Step"), QT_TRANSLATE_NOOP("", "Entered A"),
              QT_TRANSLATE_NOOP("", "Entered B"), QT_TRANSLATE_NOOP("", "Converted A"),
              QT_TRANSLATE_NOOP("", "Converted B"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparePanel")
        self.a, self.b = QComboBox(), QComboBox()
        for combo in (self.a, self.b):
            combo.currentIndexChanged.connect(self._changed)
        self.table = QTableWidget(0, len(self.HEADER))
        self.table.setHorizontalHeaderLabels([tr(h) for h in self.HEADER])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.note = QLabel(tr("Each dry-run is kept in the blueprint's database (NAME.db beside NAME.json)."))
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("A")))
        row.addWidget(self.a, 1)
        row.addWidget(QLabel(tr("B")))
        row.addWidget(self.b, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(row)
        layout.addWidget(self.table)

    def set_runs(self, runs: list[dict]) -> None:
        for combo, pick in ((self.a, 1), (self.b, 0)):
            combo.blockSignals(True)
            combo.clear()
            for run in runs:
                combo.addItem(run_label(run), run["id"])
            combo.setCurrentIndex(min(pick, len(runs) - 1))
            combo.blockSignals(False)
        self._changed()

    def _changed(self, *_args) -> None:
        if self.a.currentData() is not None and self.b.currentData() is not None:
            self.wanted.emit(int(self.a.currentData()), int(self.b.currentData()))

    def show_pair(self, a: dict, b: dict) -> None:
        rows = figures.compare(a, b)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            rate = row[1] == "conversion rate"
            for c, value in enumerate(row):
                if isinstance(value, float):
                    text = (f"{value:.1%}" if c in (2, 3) else "") if rate else f"{value:,.0f}"
                else:
                    text = value
                item = QTableWidgetItem(text)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
