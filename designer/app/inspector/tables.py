"""Table editors for the inspector: lists of sub-models (split branches, cases, variants),
key/value maps (HTTP headers) and the channel priority order."""

from __future__ import annotations

from typing import Any, Literal, get_args, get_origin

from pydantic.fields import FieldInfo
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from designer.canvas.icons import kind_icon
from designer.nodes import CHANNELS, all_kinds

from .. import panel_style as ps
from .fields import EditorContext, FieldEditor, humanise, limits, tr, unwrap_optional, word

ROW = 28


def singular(name: str) -> str:
    """'branches' -> 'branch', 'cases' -> 'case', 'variants' -> 'variant'."""
    if name.endswith(("ches", "shes", "xes", "sses")):
        return name[:-2]
    return name.removesuffix("s")


def _tool(icon: str, tip: str, text: str = "") -> QToolButton:
    b = QToolButton()
    b.setIcon(kind_icon(icon, ps.MUTED))
    b.setToolTip(tip)
    if text:
        b.setText(text)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    b.setAutoRaise(True)
    return b


def _table(columns: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(columns))
    t.setHorizontalHeaderLabels(columns)
    t.verticalHeader().hide()
    t.verticalHeader().setDefaultSectionSize(ROW)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    t.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    t.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    t.setShowGrid(False)
    t.setAlternatingRowColors(True)
    t.setObjectName("fieldTable")
    header = t.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return t


def _fit(t: QTableWidget) -> None:
    """No inner scrolling: the table is as tall as its rows."""
    t.setFixedHeight(t.horizontalHeader().height() + max(1, t.rowCount()) * ROW + 4)


class _ColumnDelegate(QStyledItemDelegate):
    """Spin boxes with the field's limits for numbers, a combo for Literal columns."""

    def __init__(self, infos: list[FieldInfo], parent=None):
        super().__init__(parent)
        self.infos = infos

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        info = self.infos[index.column()]
        base = unwrap_optional(info.annotation)[0]
        lim = limits(info)
        if base is int:
            box = QSpinBox(parent)
            box.setRange(int(lim.get("ge", lim.get("gt", -1e9 - 1) + 1)), int(lim.get("le", lim.get("lt", 1e9 + 1) - 1)))
            return box
        if base is float:
            box = QDoubleSpinBox(parent)
            box.setRange(float(lim.get("ge", lim.get("gt", -1e9))), float(lim.get("le", lim.get("lt", 1e9))))
            return box
        if get_origin(base) is Literal:
            box = QComboBox(parent)
            for choice in get_args(base):
                box.addItem(humanise(str(choice)), choice)
            return box
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.UserRole))))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.UserRole)
            model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)
        else:
            super().setModelData(editor, model, index)


class ModelListEditor(FieldEditor):
    """A list of sub-models as a table: one row per item, one column per field; add and remove rows."""

    def _build(self) -> QWidget:
        self.item_model = get_args(unwrap_optional(self.info.annotation)[0])[0]
        self.columns = list(self.item_model.model_fields.items())
        self.table = _table([word(humanise(n)) for n, _ in self.columns])
        self.table.setItemDelegate(_ColumnDelegate([i for _, i in self.columns], self.table))
        header = self.table.horizontalHeader()
        lists = [n for n, i in self.columns if get_origin(unwrap_optional(i.annotation)[0]) is list]
        for c, (name, info) in enumerate(self.columns):
            base = unwrap_optional(info.annotation)[0]
            wide = name in lists if lists else (base is str and name != "id")
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if wide
                                        else QHeaderView.ResizeMode.ResizeToContents)
            if info.description:
                self.table.horizontalHeaderItem(c).setToolTip(word(info.description))
        self.table.itemChanged.connect(lambda _i: self._commit())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        noun = word(humanise(singular(self.name))).lower()
        self.add = _tool("plus", tr("Add a row"), tr("Add %1").replace("%1", noun))
        self.remove = _tool("minus", tr("Remove the selected row"), tr("Remove"))
        self.add.clicked.connect(self._add_row)
        self.remove.clicked.connect(self._remove_row)
        self.total = QLabel()
        self.total.setStyleSheet(f"color: {ps.MUTED};")
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.add)
        bar.addWidget(self.remove)
        bar.addStretch(1)
        bar.addWidget(self.total)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.table)
        layout.addLayout(bar)
        return box

    # --- cells ------------------------------------------------------------------------
    def _cell(self, name: str, info: FieldInfo, value: Any) -> QTableWidgetItem:
        base = unwrap_optional(info.annotation)[0]
        item = QTableWidgetItem()
        if base in (int, float) and isinstance(value, (int, float)) and not isinstance(value, bool):
            item.setData(Qt.ItemDataRole.EditRole, value)
        elif get_origin(base) is list:
            item.setText(", ".join(str(v) for v in value) if isinstance(value, list) else "")
            item.setToolTip(tr("Separate values with commas"))
        elif get_origin(base) is Literal:
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setText(humanise(str(value)) if value is not None else "")
        else:
            item.setText("" if value is None else str(value))
        return item

    def _read(self, row: int, column: int) -> Any:
        _name, info = self.columns[column]
        base = unwrap_optional(info.annotation)[0]
        item = self.table.item(row, column)
        if item is None:
            return None
        if base in (int, float):
            value = item.data(Qt.ItemDataRole.EditRole)
            try:
                return base(value)
            except (TypeError, ValueError):
                return 0
        if get_origin(base) is list:
            return [v.strip() for v in item.text().split(",") if v.strip()]
        if get_origin(base) is Literal:
            return item.data(Qt.ItemDataRole.UserRole)
        return item.text()

    def _show(self, raw: dict) -> None:
        rows = raw.get(self.name)
        rows = rows if isinstance(rows, list) else []
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            row = row if isinstance(row, dict) else {}
            for c, (name, info) in enumerate(self.columns):
                self.table.setItem(r, c, self._cell(name, info, row.get(name)))
        _fit(self.table)
        self._update_buttons()
        self._update_total()

    def values(self) -> dict[str, Any]:
        return {self.name: [{name: self._read(r, c) for c, (name, _) in enumerate(self.columns)}
                            for r in range(self.table.rowCount())]}

    def _commit(self) -> None:
        self._update_total()
        super()._commit()

    # --- rows -------------------------------------------------------------------------
    def new_row(self) -> dict[str, Any]:
        """A new item: unique id and label, zero weight; every required field filled."""
        existing = {str(self._read(r, c)) for r in range(self.table.rowCount())
                    for c, (name, _) in enumerate(self.columns) if name == "id"}
        stem = singular(self.name)
        n = self.table.rowCount() + 1
        while f"{stem}{n}" in existing:
            n += 1
        label = f"{humanise(stem)} {n}"
        row: dict[str, Any] = {}
        for name, info in self.columns:
            base = unwrap_optional(info.annotation)[0]
            if not info.is_required():
                row[name] = info.get_default(call_default_factory=True)
            elif name == "id":
                row[name] = f"{stem}{n}"
            elif base in (int, float):
                lim = limits(info)
                row[name] = base(max(lim.get("ge", 0), 0))
            elif get_origin(base) is list:
                row[name] = [label]
            elif get_origin(base) is Literal:
                row[name] = get_args(base)[0]
            else:
                row[name] = label
        return row

    def _add_row(self) -> None:
        row = self.new_row()
        r = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(r)
        for c, (name, info) in enumerate(self.columns):
            self.table.setItem(r, c, self._cell(name, info, row[name]))
        self.table.blockSignals(False)
        _fit(self.table)
        self.table.selectRow(r)
        self._update_buttons()
        self._commit()

    def _remove_row(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}) or [self.table.rowCount() - 1]
        if self.table.rowCount() - len(rows) < self.limits.get("min_length", 0) or rows[0] < 0:
            return
        self.table.blockSignals(True)
        for r in reversed(rows):
            self.table.removeRow(r)
        self.table.blockSignals(False)
        _fit(self.table)
        self._update_buttons()
        self._commit()

    def _update_buttons(self) -> None:
        count = self.table.rowCount()
        self.add.setEnabled(count < self.limits.get("max_length", 1_000_000))
        self.remove.setEnabled(count > self.limits.get("min_length", 0) and count > 0)

    def _update_total(self) -> None:
        """Shares in percent are summed under the table (the validator says what they must add to)."""
        shares = [c for c, (_, info) in enumerate(self.columns) if "percent" in (info.description or "")]
        if not shares:
            self.total.setText("")
            return
        total = sum(int(self._read(r, shares[0]) or 0) for r in range(self.table.rowCount()))
        self.total.setText(tr("Total %1%").replace("%1", str(total)))

    def marked_widgets(self) -> list[QWidget]:
        return [self.table]


class DictEditor(FieldEditor):
    """``dict[str, str]`` (HTTP headers): a small name/value table."""

    def _build(self) -> QWidget:
        self.table = _table([tr("Name"), tr("Value")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(lambda _i: self._commit())
        self.add = _tool("plus", tr("Add a row"), tr("Add"))
        self.remove = _tool("minus", tr("Remove the selected row"), tr("Remove"))
        self.add.clicked.connect(self._add_row)
        self.remove.clicked.connect(self._remove_row)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.add)
        bar.addWidget(self.remove)
        bar.addStretch(1)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.table)
        layout.addLayout(bar)
        return box

    def _show(self, raw: dict) -> None:
        value = raw.get(self.name)
        pairs = list(value.items()) if isinstance(value, dict) else []
        self.table.setRowCount(len(pairs))
        for r, (k, v) in enumerate(pairs):
            self.table.setItem(r, 0, QTableWidgetItem(str(k)))
            self.table.setItem(r, 1, QTableWidgetItem("" if v is None else str(v)))
        _fit(self.table)
        self.remove.setEnabled(bool(pairs))

    def values(self) -> dict[str, Any]:
        out: dict[str, str] = {}
        for r in range(self.table.rowCount()):
            key, value = self.table.item(r, 0), self.table.item(r, 1)
            name = key.text().strip() if key else ""
            if name:
                out[name] = value.text() if value else ""
        return {self.name: out}

    def _add_row(self) -> None:
        r = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(r)
        self.table.setItem(r, 0, QTableWidgetItem(""))
        self.table.setItem(r, 1, QTableWidgetItem(""))
        self.table.blockSignals(False)
        _fit(self.table)
        self.remove.setEnabled(True)
        self.table.setCurrentCell(r, 0)
        self.table.editItem(self.table.item(r, 0))  # committed once a name is typed

    def _remove_row(self) -> None:
        r = self.table.currentRow() if self.table.currentRow() >= 0 else self.table.rowCount() - 1
        if r < 0:
            return
        self.table.removeRow(r)
        _fit(self.table)
        self.remove.setEnabled(self.table.rowCount() > 0)
        self._commit()

    def marked_widgets(self) -> list[QWidget]:
        return [self.table]


def channel_looks() -> dict[str, tuple[str, str, str]]:
    """channel -> (label, icon, colour), from the kinds that send by it."""
    return {k.channel: (k.label, k.icon, k.colour) for k in all_kinds() if k.channel}


class ChannelPriorityEditor(FieldEditor):
    """The preferred channel order: tick the channels to use, drag or move them up and down."""

    def _build(self) -> QWidget:
        self.list = QListWidget()
        self.list.setObjectName("channelList")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemChanged.connect(lambda _i: self._commit())
        self.list.model().rowsMoved.connect(lambda *_a: self._commit())
        self.up = _tool("arrow_up", tr("Move up"))
        self.down = _tool("arrow_down", tr("Move down"))
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.up)
        side.addWidget(self.down)
        side.addStretch(1)
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(side)
        return box

    def _show(self, raw: dict) -> None:
        value = raw.get(self.name)
        chosen = [c for c in value if isinstance(c, str)] if isinstance(value, list) else []
        looks = channel_looks()
        self.list.clear()
        for channel in chosen + [c for c in CHANNELS if c not in chosen]:
            label, icon, colour = looks.get(channel, (channel, "", ps.MUTED))
            item = QListWidgetItem(kind_icon(icon, colour), word(label))
            item.setData(Qt.ItemDataRole.UserRole, channel)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
            item.setCheckState(Qt.CheckState.Checked if channel in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * self.list.count() + 6)

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        self.list.blockSignals(True)
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.list.blockSignals(False)
        self._commit()

    def values(self) -> dict[str, Any]:
        items = [self.list.item(i) for i in range(self.list.count())]
        return {self.name: [i.data(Qt.ItemDataRole.UserRole) for i in items
                            if i.checkState() == Qt.CheckState.Checked]}

    def marked_widgets(self) -> list[QWidget]:
        return [self.list]


__all__ = ["ChannelPriorityEditor", "DictEditor", "EditorContext", "ModelListEditor", "singular"]
