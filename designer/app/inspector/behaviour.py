"""The inspector's "Dry-run behaviour" section: a step's behaviour override
(``node.behaviour``, see :mod:`designer.runtime.dryrun.effects`).

A message step can set its own open and click rates; any step can change the
probability of an event for the contacts who pass it (x multiplier, + points).
Effects by port (set in the JSON file) are kept as they are and listed. The
section emits ``edited(behaviour or None)`` on finished edits only; the window
turns that into one undo step (``Editor.set_node_behaviour``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import panel_style as ps
from .fields import tr

MAX_ROWS = 8
UNSET = -0.1  # the spin boxes' "from the model" value


def _rate_box(parent: QWidget) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setRange(UNSET, 100.0)
    box.setDecimals(1)
    box.setSingleStep(1.0)
    box.setSuffix(" %")
    box.setSpecialValueText(tr("from the model"))
    box.setValue(UNSET)
    return box


class _EventRow(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.event = QLineEdit(self)
        self.event.setPlaceholderText(tr("event, e.g. purchased"))
        self.multiply = QDoubleSpinBox(self)
        self.multiply.setRange(0.0, 100.0)
        self.multiply.setDecimals(2)
        self.multiply.setSingleStep(0.1)
        self.multiply.setPrefix("\u00d7 ")
        self.multiply.setValue(1.0)
        self.points = QDoubleSpinBox(self)
        self.points.setRange(-100.0, 100.0)
        self.points.setDecimals(1)
        self.points.setSuffix(tr(" pts"))
        self.points.setToolTip(tr("Percentage points added to the probability"))
        self.remove = QPushButton("\u00d7", self)
        self.remove.setFixedWidth(24)
        self.remove.setToolTip(tr("Remove this effect"))
        top, bottom = QHBoxLayout(), QHBoxLayout()
        top.addWidget(self.event, 1)
        top.addWidget(self.remove)
        bottom.addWidget(self.multiply, 1)
        bottom.addWidget(self.points, 1)
        bottom.addSpacing(28)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 4)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addLayout(bottom)

    def value(self) -> tuple[str, dict[str, float]] | None:
        name = self.event.text().strip()
        if not name:
            return None
        effect: dict[str, float] = {}
        if abs(self.multiply.value() - 1.0) > 1e-9:
            effect["multiply"] = round(self.multiply.value(), 4)
        if abs(self.points.value()) > 1e-9:
            effect["add"] = round(self.points.value() / 100, 6)
        return name, effect


class BehaviourSection(QWidget):
    """Edits one step's override; never writes the model itself."""

    edited = Signal(object)  # the new behaviour dict, or None to clear it

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._populating = False
        self._kept: dict[str, Any] = {}  # parts the section does not edit (effects by port)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(ps.section_label(tr("Dry-run behaviour"), self))
        layout.addWidget(ps.caption(tr("How contacts behave after this step in a forecast; "
                                       "empty keeps the behaviour model's values."), self))
        self.rates = QWidget(self)
        grid = QGridLayout(self.rates)
        grid.setContentsMargins(0, 0, 0, 0)
        self.open_rate, self.click_rate = _rate_box(self.rates), _rate_box(self.rates)
        grid.addWidget(QLabel(tr("Open rate"), self.rates), 0, 0)
        grid.addWidget(self.open_rate, 0, 1)
        grid.addWidget(QLabel(tr("Click rate"), self.rates), 1, 0)
        grid.addWidget(self.click_rate, 1, 1)
        layout.addWidget(self.rates)
        for box in (self.open_rate, self.click_rate):
            box.editingFinished.connect(self._commit)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(4)
        layout.addLayout(self.rows_box)
        self.rows: list[_EventRow] = []
        self.add = QPushButton(tr("Add an event effect"), self)
        self.add.clicked.connect(self._add_row)
        layout.addWidget(self.add)
        self.kept_label = ps.caption("", self)
        layout.addWidget(self.kept_label)

    # --- model -> widgets -------------------------------------------------------
    def populate(self, behaviour: dict[str, Any] | None, sends_message: bool) -> None:
        self._populating = True
        try:
            b = dict(behaviour or {})
            self.rates.setVisible(sends_message)
            for box, key in ((self.open_rate, "open_rate"), (self.click_rate, "click_rate")):
                value = b.get(key)
                box.setValue(float(value) * 100 if isinstance(value, (int, float)) else UNSET)
            events = b.get("events") if isinstance(b.get("events"), dict) else {}
            while len(self.rows) > len(events):
                self._drop(self.rows[-1], commit=False)
            while len(self.rows) < min(len(events), MAX_ROWS):
                self._add_row(commit=False)
            for row, (name, effect) in zip(self.rows, events.items()):
                effect = effect if isinstance(effect, dict) else {}
                row.event.setText(str(name))
                row.multiply.setValue(float(effect.get("multiply", 1.0) or 0.0))
                row.points.setValue(float(effect.get("add", 0.0) or 0.0) * 100)
            self._kept = {k: v for k, v in b.items() if k not in ("open_rate", "click_rate", "events")}
            ports = self._kept.get("ports")
            self.kept_label.setText(tr("Also set in the file: effects by port (%1)").replace(
                "%1", ", ".join(map(str, ports))) if isinstance(ports, dict) and ports else "")
            self.kept_label.setVisible(bool(self.kept_label.text()))
        finally:
            self._populating = False

    # --- widgets -> edits --------------------------------------------------------
    def value(self) -> dict[str, Any] | None:
        out: dict[str, Any] = dict(self._kept)
        for box, key in ((self.open_rate, "open_rate"), (self.click_rate, "click_rate")):
            if self.rates.isVisibleTo(self) and box.value() > UNSET + 1e-9:
                out[key] = round(box.value() / 100, 6)
        events = dict(v for row in self.rows if (v := row.value()) is not None)
        if events:
            out["events"] = events
        return out or None

    def _commit(self) -> None:
        if not self._populating:
            self.edited.emit(self.value())

    def _add_row(self, commit: bool = False) -> None:
        if len(self.rows) >= MAX_ROWS:
            return
        row = _EventRow(self)
        row.event.editingFinished.connect(self._commit)
        row.multiply.editingFinished.connect(self._commit)
        row.points.editingFinished.connect(self._commit)
        row.remove.clicked.connect(lambda _=False, r=row: self._drop(r))
        self.rows.append(row)
        self.rows_box.addWidget(row)
        row.show()  # added to a panel already on screen
        self.add.setEnabled(len(self.rows) < MAX_ROWS)

    def _drop(self, row: _EventRow, commit: bool = True) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.add.setEnabled(True)
        if commit:
            self._commit()
