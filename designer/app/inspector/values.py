"""Inspector editors for values: numbers (with units), choices, stages, switches, weekdays,
times, time zones and dates. Each shows a possibly invalid raw value without crashing
and returns only type-correct values."""

from __future__ import annotations

import json
import math
from datetime import datetime
from typing import Any, get_args

from pydantic.fields import FieldInfo
from PySide6.QtCore import QDateTime, QStringListModel, Qt, QTime, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QToolButton,
    QWidget,
)

from designer.blueprint import DEFAULT_STAGES

from .fields import EditorContext, FieldEditor, _row, humanise, limits, tr, unwrap_optional, word, zone_names


class _FloatSpin(QDoubleSpinBox):
    """Shows 7 rather than 7.00, and 1.5 as 1.5."""

    def textFromValue(self, value: float) -> str:
        text = f"{value:.{self.decimals()}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text

# --- numbers ----------------------------------------------------------------------------
def _spin(info: FieldInfo, is_int: bool) -> QSpinBox | QDoubleSpinBox:
    lim = limits(info)
    if is_int:
        box = QSpinBox()
        low = lim.get("ge", lim["gt"] + 1 if "gt" in lim else -1_000_000_000)
        high = lim.get("le", lim["lt"] - 1 if "lt" in lim else 1_000_000_000)
        box.setRange(int(low), int(high))
    else:
        box = _FloatSpin()
        box.setDecimals(2)
        low = lim.get("ge", lim["gt"] + 0.01 if "gt" in lim else -1e9)
        high = lim.get("le", lim["lt"] - 0.01 if "lt" in lim else 1e9)
        box.setRange(float(low), float(high))
    box.setKeyboardTracking(False)
    box.setAccelerated(True)
    if (inner := box.findChild(QLineEdit)) is not None:
        inner.setTextMargins(3, 0, 0, 0)
    box.setMinimumWidth(96)
    box.setMaximumWidth(150)
    return box


def _number(value: Any, is_int: bool) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    if not math.isfinite(number):
        return None
    return int(number) if is_int else number


class NumberEditor(FieldEditor):
    """A number within the field's limits; arrow clicks commit after a short pause."""

    def _build(self) -> QWidget:
        base, self.optional = unwrap_optional(self.info.annotation)
        self.is_int = base is int
        self.spin = _spin(self.info, self.is_int)
        self._range = (self.spin.minimum(), self.spin.maximum())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(450)
        self._timer.timeout.connect(self._commit)
        self.spin.valueChanged.connect(self._changed)
        self.spin.editingFinished.connect(self._commit_now)
        return _row(self.spin, stretch=0)

    def _changed(self, _value) -> None:
        self.touch()
        self._timer.start()

    def _commit_now(self) -> None:
        self._timer.stop()
        self._commit_if_touched()

    def _show(self, raw: dict) -> None:
        self._set_number(_number(raw.get(self.name), self.is_int))

    def _set_number(self, value: float | None) -> None:
        """Show a stored value outside the limits as it is (the row marks it), not clamped."""
        low, high = self._range
        if value is not None and not low <= value <= high and abs(value) < 2e9:
            self.spin.setRange(min(low, value), max(high, value))
        else:
            self.spin.setRange(low, high)
        self.spin.setValue(value if value is not None and abs(value) < 2e9 else low)

    def values(self) -> dict[str, Any]:
        return {self.name: int(self.spin.value()) if self.is_int else float(self.spin.value())}

    def marked_widgets(self) -> list[QWidget]:
        return [self.spin]

    def focus_widget(self) -> QWidget:
        return self.spin


class DurationEditor(NumberEditor):
    """A number and its unit on one row (``{"unit_field": ...}``); optional ones can be switched off."""

    show_caption = False

    def __init__(self, name: str, info: FieldInfo, ctx: EditorContext, unit_name: str, unit_info: FieldInfo):
        self.unit_name, self.unit_info = unit_name, unit_info
        super().__init__(name, info, ctx)
        self.keys = (name, unit_name)
        self.label = word(info.description) if info.description else word(humanise(name))

    def _build(self) -> QWidget:
        row = super()._build()
        self.unit = ChoiceEditor.combo(get_args(self.unit_info.annotation))
        self.unit.activated.connect(lambda _i: (self.touch(), self._commit_now()))
        row.layout().insertWidget(1, self.unit)
        self.toggle = None
        if self.optional:
            self.toggle = QCheckBox(tr("On"))
            self.toggle.setToolTip(tr("Switch off to wait without a limit"))
            self.toggle.clicked.connect(self._toggled)
            row.layout().insertWidget(0, self.toggle)
        return row

    def _toggled(self, on: bool) -> None:
        self.spin.setEnabled(on)
        self.unit.setEnabled(on)
        self.touch()
        self._commit_now()

    def _show(self, raw: dict) -> None:
        value = raw.get(self.name)
        on = value is not None or not self.optional
        if self.toggle is not None:
            self.toggle.setChecked(on)
        self.spin.setEnabled(on)
        self.unit.setEnabled(on)
        number = _number(value, self.is_int)
        self._set_number(number if number is not None else _number(self.info.default, self.is_int))
        ChoiceEditor.select(self.unit, raw.get(self.unit_name))

    def values(self) -> dict[str, Any]:
        on = self.toggle is None or self.toggle.isChecked()
        amount = (int(self.spin.value()) if self.is_int else float(self.spin.value())) if on else None
        return {self.name: amount, self.unit_name: self.unit.currentData()}

    def marked_widgets(self) -> list[QWidget]:
        return [self.spin, self.unit]


# --- choices ----------------------------------------------------------------------------
class ChoiceEditor(FieldEditor):
    """A Literal: a combo of its values."""

    @staticmethod
    def combo(options) -> QComboBox:
        box = QComboBox()
        for option in options:
            box.addItem(word(humanise(str(option))), option)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return box

    @staticmethod
    def select(box: QComboBox, value: Any, unknown: str = "") -> None:
        """Select ``value``; a value outside the options is shown as-is (marked by the validator)."""
        for i in range(box.count()):
            if box.itemData(i, Qt.ItemDataRole.UserRole + 7):  # drop an earlier unknown entry
                box.removeItem(i)
                break
        index = box.findData(value)
        if index < 0:
            box.insertItem(0, (unknown or tr("%1 (not allowed)")).replace("%1", str(value)), value)
            box.setItemData(0, True, Qt.ItemDataRole.UserRole + 7)
            index = 0
        box.setCurrentIndex(index)

    def _build(self) -> QWidget:
        base, self.optional = unwrap_optional(self.info.annotation)
        self.box = self.combo(get_args(base))
        self.box.activated.connect(lambda _i: self._commit())
        return _row(self.box)

    def _show(self, raw: dict) -> None:
        self.select(self.box, raw.get(self.name))

    def values(self) -> dict[str, Any]:
        return {self.name: self.box.currentData()}

    def marked_widgets(self) -> list[QWidget]:
        return [self.box]


class StageEditor(ChoiceEditor):
    """A lifecycle stage of the blueprint (``{"editor": "stage"}``); optional ones offer 'none'."""

    def _build(self) -> QWidget:
        self.optional = unwrap_optional(self.info.annotation)[1]
        self.box = QComboBox()
        self.box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.box.activated.connect(lambda _i: self._commit())
        self._fill()
        return _row(self.box)

    def _fill(self) -> None:
        self.box.clear()
        if self.optional:
            self.box.addItem(tr("(none)"), None)
        for stage_id, name in self.ctx.stages or [(i, word(n)) for i, n in DEFAULT_STAGES]:
            self.box.addItem(name, stage_id)

    def _show(self, raw: dict) -> None:
        self.select(self.box, raw.get(self.name), tr("%1 (not a stage of this blueprint)"))

    def set_context(self, ctx: EditorContext) -> None:
        changed = ctx.stages != self.ctx.stages
        super().set_context(ctx)
        if changed:
            self._fill()
            self._shown = ()  # redraw on the next set_values


class _WrapLabel(QLabel):
    """A wrapping label that toggles its check box when clicked (QCheckBox text cannot wrap)."""

    def __init__(self, text: str, check: QCheckBox):
        super().__init__(text)
        self.check = check
        self.setWordWrap(True)
        self.setBuddy(check)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.check.isEnabled():
            self.check.click()


class BoolEditor(FieldEditor):
    """A check box with the field's description beside it."""

    show_caption = False

    def _build(self) -> QWidget:
        self.check = QCheckBox()
        self.check.setToolTip(self.label)
        self.check.clicked.connect(lambda _c: self._commit())
        self.text = _WrapLabel(self.caption or self.label, self.check)
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.check, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        return box

    def _show(self, raw: dict) -> None:
        self.check.setChecked(bool(raw.get(self.name)))

    def values(self) -> dict[str, Any]:
        return {self.name: self.check.isChecked()}

    def focus_widget(self) -> QWidget:
        return self.check


class MultiChoiceEditor(FieldEditor):
    """``list[Literal]`` (weekdays): one toggle button per value."""

    def _build(self) -> QWidget:
        options = get_args(get_args(self.info.annotation)[0])
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        self.buttons: dict[Any, QToolButton] = {}
        for option in options:
            b = QToolButton()
            b.setText(word(humanise(str(option))))
            b.setCheckable(True)
            b.setObjectName("chip")
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.setMinimumWidth(30)
            b.clicked.connect(lambda _c: self._commit())
            layout.addWidget(b)
            self.buttons[option] = b
        return box

    def _show(self, raw: dict) -> None:
        value = raw.get(self.name)
        chosen = set(value) if isinstance(value, list) else set()
        for option, b in self.buttons.items():
            b.setChecked(option in chosen)

    def values(self) -> dict[str, Any]:
        return {self.name: [o for o, b in self.buttons.items() if b.isChecked()]}


# --- time -------------------------------------------------------------------------------
class TimeEditor(FieldEditor):
    """HH:MM (``{"editor": "time"}``)."""

    def _build(self) -> QWidget:
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.time.setKeyboardTracking(False)
        self.time.setMinimumWidth(96)
        self.time.timeChanged.connect(self.touch)
        self.time.editingFinished.connect(self._commit_if_touched)
        return _row(self.time)

    def _show(self, raw: dict) -> None:
        value = raw.get(self.name)
        parsed = QTime.fromString(value, "HH:mm") if isinstance(value, str) else QTime()
        self.time.setTime(parsed if parsed.isValid() else QTime(9, 0))

    def values(self) -> dict[str, Any]:
        return {self.name: self.time.time().toString("HH:mm")}

    def marked_widgets(self) -> list[QWidget]:
        return [self.time]


class TimezoneEditor(FieldEditor):
    """An IANA zone, searchable by any part of its name (``{"editor": "timezone"}``)."""

    def _build(self) -> QWidget:
        self.box = QComboBox()
        self.box.setEditable(True)
        self.box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.box.setModel(QStringListModel(zone_names(), self.box))
        self.box.setMaxVisibleItems(14)
        self.box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.box.setMinimumContentsLength(12)
        completer = QCompleter(self.box.model(), self.box)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.box.setCompleter(completer)
        self.box.lineEdit().setPlaceholderText(tr("Type to search, e.g. Shanghai"))
        self.box.activated.connect(lambda _i: self._commit())
        self.box.lineEdit().textChanged.connect(self.touch)
        self.box.lineEdit().editingFinished.connect(self._commit_if_touched)
        self.box.lineEdit().textEdited.connect(lambda _t: self.feedback.emit("", ""))
        return self.box

    def _show(self, raw: dict) -> None:
        value = raw.get(self.name)
        self.box.setEditText("" if value is None else str(value))

    def _commit(self) -> None:
        if self.box.currentText() in set(zone_names()):
            self.feedback.emit("", "")
            super()._commit()
        else:
            self.feedback.emit("error", tr("Unknown time zone: pick one from the list (e.g. Asia/Shanghai)"))

    def values(self) -> dict[str, Any]:
        return {self.name: self.box.currentText()}


class DateTimeEditor(FieldEditor):
    """``datetime | None``: a date and time, or none (clear the box)."""

    def _build(self) -> QWidget:
        self.toggle = QCheckBox()
        self.toggle.setToolTip(tr("Clear to leave the date unset"))
        self.toggle.clicked.connect(self._toggled)
        self.edit = QDateTimeEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.edit.setKeyboardTracking(False)
        self.edit.dateTimeChanged.connect(self.touch)
        self.edit.editingFinished.connect(self._commit_if_touched)
        self._zone = None
        return _row(self.toggle, self.edit)

    def _toggled(self, on: bool) -> None:
        self.edit.setEnabled(on)
        self._commit()

    def _show(self, raw: dict) -> None:
        value = raw.get(self.name)
        parsed = None
        if isinstance(value, str):
            try:
                parsed = datetime.fromisoformat(value)  # Python 3.11 reads a trailing Z too
            except ValueError:
                parsed = None
        self._zone = parsed.tzinfo if parsed else None
        self.toggle.setChecked(parsed is not None)
        self.edit.setEnabled(parsed is not None)
        when = parsed or datetime.now().replace(hour=9, minute=0, second=0, microsecond=0)
        self.edit.setDateTime(QDateTime(when.year, when.month, when.day, when.hour, when.minute, 0))

    def values(self) -> dict[str, Any]:
        if not self.toggle.isChecked():
            return {self.name: None}
        q = self.edit.dateTime()
        d, t = q.date(), q.time()
        when = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=self._zone)
        return {self.name: when.isoformat()}

    def marked_widgets(self) -> list[QWidget]:
        return [self.edit]


class JsonEditor(FieldEditor):
    """Fallback for a type no editor knows: its JSON, committed only when it parses."""

    def _build(self) -> QWidget:
        self.edit = QLineEdit()
        self.edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.edit.textChanged.connect(self.touch)
        self.edit.editingFinished.connect(self._commit_if_touched)
        return self.edit

    def _show(self, raw: dict) -> None:
        self.edit.setText(json.dumps(raw.get(self.name), ensure_ascii=False))

    def _commit(self) -> None:
        try:
            json.loads(self.edit.text())
        except ValueError as err:
            self.feedback.emit("error", tr("Not valid JSON: %1").replace("%1", str(err)))
            return
        self.feedback.emit("", "")
        super()._commit()

    def values(self) -> dict[str, Any]:
        return {self.name: json.loads(self.edit.text())}


