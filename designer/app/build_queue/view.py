"""The Build queue view: every workflow of the blueprint, ranked, editable in place.

``BuildQueueView(document, editor)`` shows a sortable, filterable table
(category, status, text) of the workflows with their build-queue fields, the
computed rank and the reason for it, coloured by category. Cells edit in place;
dragging a row (when sorted by rank) or Ctrl+Up/Down pins a manual order. Every
change is a command applied through ``editor``. Double-clicking a workflow's name (or
rank, score, reason) emits ``workflowActivated(workflow_id)``. Below the table,
the selected workflow's notes and, for an experiment, its plan and sample size.
The experiments' entries per week come from a dry-run when one is found
(``DryRunSource``: the blueprint's sibling ``<name>.db``, or a database picked).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from designer.canvas.editor import Editor
from designer.canvas.icons import kind_icon
from designer.document import Document
from designer.planning import CATEGORIES, STATUSES, summary

from .delegates import QueueDelegate
from .details import QueueDetails
from .dryrun import DryRunSource
from .model import FIELDS, WORKFLOW_ROLE, Column, QueueFilter, QueueModel, queue_command
from .text import category_label, status_label, tr

STYLE = """
#queueToolbar QLineEdit, #queueToolbar QComboBox { min-height: 24px; }
#queueToolbar QToolButton { border: 1px solid #d5d9e3; border-radius: 5px; background: white; padding: 4px 10px;
                            color: #1f2430; }
#queueToolbar QToolButton:hover { background: #eef1f7; }
#queueToolbar QToolButton:disabled { color: #a8aebb; border-color: #e4e7ee; }
#queueToolbar QToolButton#dryRunSource { padding-right: 22px; }
#queueToolbar QToolButton#dryRunSource::menu-indicator { subcontrol-origin: padding; subcontrol-position: center right;
                                                         right: 7px; }
QTableView#queueTable { border: 1px solid #dde1ea; gridline-color: #e8eaf1; selection-background-color: #d6e4fb;
                        selection-color: #1f2430; }
QTableView#queueTable QHeaderView::section { background: #f6f7fb; color: #4a5163; border: none;
        border-bottom: 1px solid #dde1ea; border-right: 1px solid #e8eaf1; padding: 4px 6px; font-weight: 600; }
#queueSummary { color: #6b7285; }
#detailsTitle { font-size: 14px; font-weight: 600; color: #1f2430; }
#detailsSubtitle { color: #6b7285; }
#queueDetails { border-top: 1px solid #dde1ea; }
"""
WIDTHS = {Column.RANK: 52, Column.NAME: 256, Column.CATEGORY: 104, Column.STATUS: 92, Column.VALUE: 86,
          Column.IMPACT: 62, Column.EFFORT: 58, Column.CONFIDENCE: 92, Column.SCORE: 56, Column.OWNER: 80,
          Column.TARGET: 96, Column.EXPERIMENT: 180}


class ElidedLabel(QLabel):
    """One line that gives way to the table's tool bar in a narrow window (ends in "…"; the tooltip has it all)."""

    def minimumSizeHint(self) -> QSize:
        return QSize(60, super().minimumSizeHint().height())

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())
        painter.drawText(self.contentsRect(), int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), text)


class BuildQueueView(QWidget):
    workflowActivated = Signal(str)

    def __init__(self, document: Document, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setStyleSheet(STYLE)
        self.proxy = QueueFilter(self)
        self.table = QTableView()
        self.table.setObjectName("queueTable")
        self.model = self._attach(document)
        self.details = QueueDetails(self.model)
        self._build_toolbar()
        self._build_table()
        splitter = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.toolbar)
        top_layout.addWidget(self.table, 1)
        splitter.addWidget(top)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(splitter)
        self._update_summary()
        self.dry_run.follow(document)

    # --- public API -----------------------------------------------------------------
    def set_document(self, document: Document) -> None:
        """Show another open blueprint (its editor is the caller's to swap too)."""
        old = self.model
        self.model = self._attach(document)
        self.details.model = self.model
        for signal in (self.model.dataChanged, self.model.modelReset):
            signal.connect(self.details.refresh)
            signal.connect(self._update_summary)
        old.detach()
        old.deleteLater()
        self.details.show_workflow(None)
        self._update_summary()
        self.dry_run.follow(document)  # the last blueprint's dry-run figures do not apply

    def set_weekly_entries(self, weekly: Mapping[str, float]) -> None:
        """Entries per week by workflow id (e.g. from a dry-run); they win over the plans' estimates."""
        self.model.set_weekly_entries(dict(weekly))

    def selected_workflow(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(WORKFLOW_ROLE) if index.isValid() else None

    def select_workflow(self, workflow_id: str) -> None:
        source = self.model.index(self.model.row_of(workflow_id), Column.NAME)
        index = self.proxy.mapFromSource(source)
        if index.isValid():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.table.selectionModel().setCurrentIndex(index, flags)
            self.table.scrollTo(index)

    def clear_manual_order(self) -> bool:
        """Unpin every workflow (one undo step); False when none was pinned."""
        return self.model.clear_pins()

    def move_selected(self, steps: int) -> bool:
        wf_id = self.selected_workflow()
        r = self.model.ranked(wf_id) if wf_id else None
        if r is None or not r.queued:
            return False
        return self.model.move_to_rank(wf_id, max(1, r.rank + steps))

    # --- building -------------------------------------------------------------------
    def _attach(self, document: Document) -> QueueModel:
        model = QueueModel(document, self.editor, self)
        self.proxy.setSourceModel(model)
        return model

    def _build_toolbar(self) -> None:
        self.toolbar = QWidget()
        self.toolbar.setObjectName("queueToolbar")
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Filter by name, owner or notes"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(kind_icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(240)
        self.search.setMaximumWidth(320)
        self.category = QComboBox()
        self.category.addItem(tr("All categories"), None)
        for c in CATEGORIES:
            self.category.addItem(category_label(c), c)
        self.status = QComboBox()
        self.status.addItem(tr("All statuses"), None)
        self.status.addItem(tr("In the queue"), "queued")
        for s in STATUSES:
            self.status.addItem(status_label(s), s)
        self.summary = ElidedLabel()
        self.summary.setObjectName("queueSummary")
        self.clear_pins = QToolButton()
        self.clear_pins.setText(tr("Clear manual order"))
        self.clear_pins.setToolTip(tr("Unpin every workflow: the queue follows the scores again"))
        self.clear_pins.clicked.connect(self.clear_manual_order)
        layout = QHBoxLayout(self.toolbar)
        layout.setContentsMargins(0, 0, 0, 6)
        for w in (self.search, self.category, self.status):
            layout.addWidget(w)
        layout.addSpacing(12)
        layout.addWidget(self.summary, 1)
        self.dry_run = DryRunSource()
        self.dry_run.entriesChanged.connect(self.set_weekly_entries)
        layout.addWidget(self.dry_run)
        layout.addWidget(self.clear_pins)
        self.search.textChanged.connect(self._apply_filter)
        self.category.currentIndexChanged.connect(self._apply_filter)
        self.status.currentIndexChanged.connect(self._apply_filter)

    def _build_table(self) -> None:
        t = self.table
        t.setModel(self.proxy)
        t.setItemDelegate(QueueDelegate(t))
        t.setSortingEnabled(True)
        t.sortByColumn(Column.RANK, Qt.SortOrder.AscendingOrder)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                          | QAbstractItemView.EditTrigger.SelectedClicked)
        t.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        t.setDefaultDropAction(Qt.DropAction.MoveAction)
        t.setDragDropOverwriteMode(False)
        t.setDropIndicatorShown(True)
        t.setShowGrid(False)
        t.setWordWrap(False)
        t.setTextElideMode(Qt.TextElideMode.ElideRight)
        t.verticalHeader().setVisible(False)
        t.verticalHeader().setDefaultSectionSize(30)
        header = t.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in WIDTHS.items():
            header.resizeSection(col, width)
        header.sortIndicatorChanged.connect(self._sort_changed)
        t.doubleClicked.connect(self._double_clicked)
        t.selectionModel().currentRowChanged.connect(self._current_changed)
        for signal in (self.model.dataChanged, self.model.modelReset):
            signal.connect(self._update_summary)
        t.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        t.customContextMenuRequested.connect(self._context_menu)
        for keys, steps in ((QKeySequence("Ctrl+Up"), -1), (QKeySequence("Ctrl+Down"), 1)):
            action = QAction(t)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _=False, s=steps: self.move_selected(s))
            t.addAction(action)

    # --- reactions ------------------------------------------------------------------
    def _apply_filter(self) -> None:
        self.proxy.set_filter(self.category.currentData(), self.status.currentData(), self.search.text())

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        # Dragging sets a manual order, so it only makes sense while the table shows that order.
        self.table.setDragEnabled(column == Column.RANK and order == Qt.SortOrder.AscendingOrder)

    def _double_clicked(self, index) -> None:
        if index.column() not in FIELDS:
            self.workflowActivated.emit(index.data(WORKFLOW_ROLE))

    def _current_changed(self, current, _previous) -> None:
        self.details.show_workflow(current.data(WORKFLOW_ROLE) if current.isValid() else None)

    def _update_summary(self) -> None:
        c = summary(self.model.ranking())
        pinned = sum(1 for r in self.model.ranking() if r.pinned)
        text = (tr("%1 in the queue: %2 new, %3 improve, %4 experiments · %5 live · %6 retired")
                .replace("%1", str(c["queued"])).replace("%2", str(c["new"])).replace("%3", str(c["improve"]))
                .replace("%4", str(c["experiment"])).replace("%5", str(c["live"])).replace("%6", str(c["retired"])))
        if pinned:
            text += " · " + tr("%1 pinned").replace("%1", str(pinned))
        self.summary.setText(text)
        self.clear_pins.setEnabled(pinned > 0)

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        wf_id = index.data(WORKFLOW_ROLE)
        r = self.model.ranked(wf_id)
        menu = QMenu(self)
        menu.addAction(tr("Open workflow"), lambda: self.workflowActivated.emit(wf_id))
        menu.addSeparator()
        for text, enabled, slot in (
            (tr("Move to top"), r.queued and r.rank != 1, lambda: self.model.move_to_rank(wf_id, 1)),
            (tr("Move up"), r.queued and r.rank != 1, lambda: self.model.move_to_rank(wf_id, r.rank - 1)),
            (tr("Move down"), r.queued, lambda: self.model.move_to_rank(wf_id, r.rank + 1)),
            (tr("Unpin"), r.entry.pinned_rank is not None, lambda: self._unpin(wf_id)),
        ):
            menu.addAction(text, slot).setEnabled(bool(enabled))
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _unpin(self, wf_id: str) -> None:
        command = queue_command(self.model.document, wf_id, tr("Unpin “%1”").replace("%1", self.model.ranked(wf_id).name),
                                pinned_rank=None)
        if command is not None:
            self.editor.apply(command)
