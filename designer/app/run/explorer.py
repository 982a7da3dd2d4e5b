"""The contacts explorer: a searchable, sortable table of the run's contacts; the
selected contact's timeline and why it waits or stopped; the message preview
for a message step and that contact; Send test; and, in demo mode, firing an
event for the contact.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

COLUMNS = ("id", "name", "email", "stage", "score", "tags", "now")


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


class ContactsModel(QAbstractTableModel):
    """The contacts as a table (jobs.table_of's columns), filtered and sorted here in plain
    Python (a proxy model would call data() per row and column: seconds for 10,000 contacts)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.table: dict[str, list] = {"id": []}
        self.where: dict[str, str] = {}  # contact id -> where it is now
        self.rows: list[int] = []  # the contacts shown, in order
        self._text: list[str] = []  # per contact: what the search looks in (built on the first search)
        self._filter = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_table(self, table: dict[str, list], where: dict[str, str]) -> None:
        self.beginResetModel()
        self.table, self.where, self._text = table, where, []
        self._arrange()
        self.endResetModel()

    def set_where(self, where: dict[str, str]) -> None:
        self.where = where
        self._text = []  # the search sees the new places
        if self.rows:
            col = COLUMNS.index("now")
            self.dataChanged.emit(self.index(0, col), self.index(len(self.rows) - 1, col))

    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self._filter = text.strip().lower()
        self._arrange()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._arrange()
        self.layoutChanged.emit()

    def _arrange(self) -> None:
        n = len(self.table["id"])
        if self._filter and len(self._text) != n:
            self._text = [" ".join(str(self.cell(i, c)) for c in range(len(COLUMNS))).lower() for i in range(n)]
        rows = [i for i, t in enumerate(self._text) if self._filter in t] if self._filter else list(range(n))
        if self._sort is not None:
            column, order = self._sort
            numeric = COLUMNS[column] == "score"
            rows.sort(key=lambda i: self.cell(i, column) if numeric else str(self.cell(i, column)).lower(),
                      reverse=order == Qt.SortOrder.DescendingOrder)
        self.rows = rows

    def cell(self, i: int, column: int):
        col = COLUMNS[column]
        t = self.table
        if col == "name":
            return f"{t['first_name'][i]} {t['last_name'][i]}".strip()
        if col == "now":
            return self.where.get(t["id"][i], "")
        return t[col][i]

    def record_at(self, row: int) -> dict:
        return json.loads(self.table["record"][self.rows[row]])

    def id_at(self, row: int) -> str:
        return self.table["id"][self.rows[row]]

    def row_of(self, contact_id: str) -> int | None:
        ids = self.table["id"]
        for row, i in enumerate(self.rows):
            if ids[i] == contact_id:
                return row
        return None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (tr("Id"), tr("Name"), tr("Email"), tr("Stage"), tr("Score"), tr("Tags"), tr("Now"))[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        value = self.cell(self.rows[index.row()], index.column())
        return f"{value}" if isinstance(value, int) else value


class Explorer(QWidget):
    contactSelected = Signal(str)  # contact id ('' when none)
    previewRequested = Signal(str)  # message node id
    sendTestRequested = Signal(str, str)  # node id, address
    fireRequested = Signal(str)  # event name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactsExplorer")
        self.model = ContactsModel(self)
        self.search = QLineEdit(placeholderText=tr("Search contacts: name, email, stage, tag…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.search)
        lv.addWidget(self.table)
        self.now = QLabel(tr("Select a contact to follow it."))
        self.now.setObjectName("contactNow")
        self.now.setWordWrap(True)
        self.timeline = QListWidget()
        self.timeline.setObjectName("contactTimeline")
        path_box = QGroupBox(tr("Path"))
        pv = QVBoxLayout(path_box)
        pv.addWidget(self.now)
        pv.addWidget(self.timeline)
        self.step = QComboBox()
        self.step.currentIndexChanged.connect(self._step_changed)
        self.message = QTextBrowser()
        self.message.setObjectName("messagePreview")
        self.address = QLineEdit(placeholderText=tr("test address, e.g. me@example.com"))
        self.send = QPushButton(tr("Send test"))
        self.send.clicked.connect(lambda: self.sendTestRequested.emit(self.step.currentData() or "",
                                                                      self.address.text().strip()))
        self.sent = QLabel()
        self.sent.setWordWrap(True)
        send_row = QHBoxLayout()
        send_row.addWidget(self.address, 1)
        send_row.addWidget(self.send)
        preview_box = QGroupBox(tr("Message preview"))
        form = QFormLayout(preview_box)
        form.addRow(tr("Step"), self.step)
        form.addRow(self.message)
        form.addRow(send_row)
        form.addRow(self.sent)
        self.event = QComboBox(editable=True)
        self.fire = QPushButton(tr("Fire event"))
        self.fire.clicked.connect(lambda: self.fireRequested.emit(self.event.currentText().strip()))
        self.demo_box = QGroupBox(tr("Demo: make it happen"))
        dv = QHBoxLayout(self.demo_box)
        dv.addWidget(self.event, 1)
        dv.addWidget(self.fire)
        self.demo_box.setVisible(False)
        top = QWidget()
        tv = QVBoxLayout(top)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.addWidget(path_box, 1)
        tv.addWidget(self.demo_box)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(top)
        right.addWidget(preview_box)
        right.setSizes([140, 320])
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([520, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    # --- filling ----------------------------------------------------------------
    def set_contacts(self, table: dict[str, list], where: dict[str, str]) -> None:
        current = self.current_id()
        self.model.set_table(table, where)
        if current:
            self.select(current)

    def set_steps(self, steps: list[tuple[str, str]]) -> None:
        """The message steps of the shown workflow: (node id, title)."""
        keep = self.step.currentData()
        self.step.blockSignals(True)
        self.step.clear()
        for node_id, title in steps:
            self.step.addItem(title, node_id)
        if keep is not None and self.step.findData(keep) >= 0:
            self.step.setCurrentIndex(self.step.findData(keep))
        self.step.blockSignals(False)
        self.send.setEnabled(bool(steps))

    def set_events(self, names: list[str]) -> None:
        self.event.clear()
        self.event.addItems(names)

    def current_id(self) -> str:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() and index.row() < len(self.model.rows) else ""

    def current_record(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.record_at(index.row()) if index.isValid() and index.row() < len(self.model.rows) else None

    def select(self, contact_id: str) -> bool:
        row = self.model.row_of(contact_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _search(self, text: str) -> None:
        current = self.current_id()
        self.model.set_filter(text)
        if current:
            self.select(current)

    def show_path(self, now: str, lines: list[str]) -> None:
        self.now.setText(now)
        self.timeline.clear()
        self.timeline.addItems(lines)

    def show_preview(self, html: str) -> None:
        self.message.setHtml(html)

    def _row_changed(self, *_args) -> None:
        self.contactSelected.emit(self.current_id())
        self._step_changed()

    def _step_changed(self, *_args) -> None:
        if self.step.currentData():
            self.previewRequested.emit(self.step.currentData())
