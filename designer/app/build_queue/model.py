"""The build queue as a Qt table model: one row per workflow, ranked by designer.planning.

The model reads the Document and never writes it: an edit (a cell, a drag to
reorder) becomes a SetWorkflowField command on the undo stack, and the
document's change notice refreshes the rows. Rows stay in blueprint order; the
proxy sorts them (by rank unless the user clicks another header).
"""

from __future__ import annotations

from datetime import date
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from designer.blueprint import ExperimentPlan, QueueEntry
from designer.canvas.commands import SetWorkflowField
from designer.canvas.editor import Editor
from designer.document import Change, Document
from designer.planning import (
    CATEGORIES,
    CATEGORY_COLOURS,
    QUEUED,
    STATUSES,
    RankedWorkflow,
    format_score,
    pins_for_move,
    rank,
)

from .text import category_hint, category_label, reason_text, sample_text, scale_hint, status_label, tr

MIME = "application/x-journey-workflow-ids"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
WORKFLOW_ROLE = Qt.ItemDataRole.UserRole + 2
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 3
RANKED_ROLE = Qt.ItemDataRole.UserRole + 4
RELEVANT = {"blueprint", "workflows", "workflow", "nodes-added", "nodes-removed", "node-changed"}


class Column(IntEnum):
    RANK = 0
    NAME = 1
    CATEGORY = 2
    STATUS = 3
    VALUE = 4
    IMPACT = 5
    EFFORT = 6
    CONFIDENCE = 7
    SCORE = 8
    OWNER = 9
    TARGET = 10
    EXPERIMENT = 11
    REASON = 12


FIELDS = {Column.CATEGORY: "category", Column.STATUS: "status", Column.VALUE: "value_now",
          Column.IMPACT: "long_term_impact", Column.EFFORT: "effort", Column.CONFIDENCE: "confidence",
          Column.OWNER: "owner", Column.TARGET: "target_date"}


def headers() -> dict[Column, str]:
    return {Column.RANK: tr("#"), Column.NAME: tr("Workflow"), Column.CATEGORY: tr("Category"),
            Column.STATUS: tr("Status"), Column.VALUE: tr("Value now"), Column.IMPACT: tr("Impact"),
            Column.EFFORT: tr("Effort"), Column.CONFIDENCE: tr("Confidence"), Column.SCORE: tr("Score"),
            Column.OWNER: tr("Owner"), Column.TARGET: tr("Target date"), Column.EXPERIMENT: tr("Sample needed"),
            Column.REASON: tr("Why this rank")}


def queue_command(document: Document, workflow_id: str, text: str, **fields) -> SetWorkflowField | None:
    """A command setting queue fields (``experiment__x`` keys set the experiment plan), or None if nothing changes.
    Raises pydantic.ValidationError for a value out of range."""
    entry = document.workflow(workflow_id).queue
    data = entry.model_dump()
    plan = dict(data["experiment"] or ExperimentPlan().model_dump())
    for key, value in fields.items():
        if key.startswith("experiment__"):
            plan[key.removeprefix("experiment__")] = value
            data["experiment"] = plan
        else:
            data[key] = value
    if data["category"] == "experiment" and data["experiment"] is None:
        data["experiment"] = plan
    new = QueueEntry.model_validate(data)
    if new == entry:
        return None
    return SetWorkflowField(document, workflow_id, "queue", new, text)


class QueueModel(QAbstractTableModel):
    def __init__(self, document: Document, editor: Editor, parent=None) -> None:
        super().__init__(parent)
        self.document, self.editor = document, editor
        self.weekly_entries: dict[str, float] = {}
        self._rows: list[str] = []
        self._ranked: dict[str, RankedWorkflow] = {}
        self._unsubscribe = unsubscribe = document.subscribe(self._on_change)
        self.destroyed.connect(lambda *_: unsubscribe())  # a closed view stops listening
        self._reload()

    def detach(self) -> None:
        self._unsubscribe()

    # --- reading the document ----------------------------------------------
    def _reload(self) -> None:
        self._rows = [w.id for w in self.document.blueprint.workflows]
        self._ranked = {r.workflow_id: r for r in rank(self.document.blueprint, self.weekly_entries)}

    def _on_change(self, change: Change) -> None:
        if change.what not in RELEVANT:
            return
        if change.what in ("blueprint", "workflows"):
            self.beginResetModel()
            self._reload()
            self.endResetModel()
        else:
            self._reload()
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1))

    def set_weekly_entries(self, weekly: dict[str, float]) -> None:
        self.weekly_entries = dict(weekly)
        self._on_change(Change("workflow"))

    def ranked(self, workflow_id: str) -> RankedWorkflow:
        return self._ranked[workflow_id]

    def ranking(self) -> list[RankedWorkflow]:
        return sorted(self._ranked.values(), key=lambda r: r.position)

    def row_of(self, workflow_id: str) -> int:
        return self._rows.index(workflow_id)

    def workflow_at(self, row: int) -> str:
        return self._rows[row]

    # --- Qt model -------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return headers()[Column(section)]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return {Column.SCORE: tr("(value now + impact) × confidence ÷ effort"),
                    Column.REASON: tr("(value now + impact) × confidence ÷ effort = score; pins override"),
                    Column.RANK: tr("Place in the build queue; drag rows to pin a manual order")}.get(Column(section))
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in FIELDS:
            flags |= Qt.ItemFlag.ItemIsEditable
        if self._ranked[self._rows[index.row()]].queued:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self._ranked[self._rows[index.row()]]
        col, e = Column(index.column()), r.entry
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == Qt.ItemDataRole.EditRole:
            return getattr(e, FIELDS[col]) if col in FIELDS else self._display(r, col)
        if role == SORT_ROLE:
            return self._sort_key(r, col)
        if role == WORKFLOW_ROLE:
            return r.workflow_id
        if role == CATEGORY_ROLE:
            return e.category
        if role == RANKED_ROLE:
            return r
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            return _tint(CATEGORY_COLOURS[e.category], 0.93 if r.queued else 0.97)
        if role == Qt.ItemDataRole.ForegroundRole and not r.queued:
            return QColor("#8a90a0")
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (Column.RANK, Column.VALUE, Column.IMPACT,
                                                                  Column.EFFORT, Column.CONFIDENCE, Column.SCORE):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, r: RankedWorkflow, col: Column):
        e = r.entry
        match col:
            case Column.RANK:
                return str(r.rank) if r.rank else "–"
            case Column.NAME:
                return r.name
            case Column.CATEGORY:
                return category_label(e.category)
            case Column.STATUS:
                return status_label(e.status)
            case Column.SCORE:
                return format_score(r.score)
            case Column.TARGET:
                return e.target_date.isoformat() if e.target_date else ""
            case Column.EXPERIMENT:
                return sample_text(r)
            case Column.REASON:
                return reason_text(r, short=True)
        return str(getattr(e, FIELDS[col]))

    def _sort_key(self, r: RankedWorkflow, col: Column):
        e = r.entry
        match col:
            case Column.RANK:
                return r.position
            case Column.NAME:
                return r.name.casefold()
            case Column.CATEGORY:
                return CATEGORIES.index(e.category)
            case Column.STATUS:
                return STATUSES.index(e.status)
            case Column.SCORE:
                return r.score
            case Column.OWNER:
                return e.owner.casefold()
            case Column.TARGET:
                return e.target_date.isoformat() if e.target_date else "9999"
            case Column.EXPERIMENT:
                return r.sample.weeks if r.sample and r.sample.weeks is not None else float("inf")
            case Column.REASON:
                return r.position
        return getattr(e, FIELDS[col])

    def _tooltip(self, r: RankedWorkflow, col: Column) -> str | None:
        e = r.entry
        if col in (Column.VALUE, Column.IMPACT, Column.EFFORT, Column.CONFIDENCE):
            return scale_hint(FIELDS[col], getattr(e, FIELDS[col]))
        if col == Column.CATEGORY:
            return category_hint(e.category)
        if col in (Column.REASON, Column.RANK, Column.SCORE):
            return reason_text(r)
        if col == Column.EXPERIMENT and r.sample and not r.sample.error and r.sample.weeks is None:
            return tr("Set the expected entries per week to see how many weeks it needs")
        if col == Column.NAME:
            wf = self.document.blueprint.workflow(r.workflow_id)
            return (wf.description if wf else "") + ("\n\n" + e.notes if e.notes else "") or None
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in FIELDS:
            return False
        wf_id, field = self._rows[index.row()], FIELDS[Column(index.column())]
        if field == "owner":
            value = str(value).strip()
        if field == "target_date" and value is not None and not isinstance(value, date):
            value = date.fromisoformat(str(value)) if value else None
        name = self._ranked[wf_id].name
        text = tr("Set %1 of “%2”").replace("%1", headers()[Column(index.column())].lower()).replace("%2", name)
        try:
            command = queue_command(self.document, wf_id, text, **{field: value})
        except ValueError:  # pydantic's ValidationError is a ValueError
            return False
        if command is not None:
            self.editor.apply(command)
        return True

    # --- drag to reorder --------------------------------------------------------
    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def supportedDragActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:
        ids = list(dict.fromkeys(self._rows[i.row()] for i in indexes if i.isValid()))
        mime = QMimeData()
        mime.setData(MIME, QByteArray("\n".join(ids).encode("utf-8")))
        return mime

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return data.hasFormat(MIME)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        """Drop before source ``row`` (or on ``parent``'s row; at the end when -1): the
        moved workflow takes that place in the queue."""
        if not data.hasFormat(MIME):
            return False
        ids = [i for i in bytes(data.data(MIME).data()).decode("utf-8").split("\n") if i in self._ranked]
        if len(ids) != 1 or not self._ranked[ids[0]].queued:
            return False
        moved = self._ranked[ids[0]]
        if parent.isValid():
            row = parent.row()
        queued = sum(1 for r in self._ranked.values() if r.queued)
        if 0 <= row < len(self._rows) and self._ranked[self._rows[row]].queued:
            target = self._ranked[self._rows[row]].rank
            new_rank = target if target < moved.rank else target - 1
        else:
            new_rank = queued
        self.move_to_rank(moved.workflow_id, new_rank)
        return True

    def move_to_rank(self, workflow_id: str, new_rank: int) -> bool:
        """Pin ``workflow_id`` at ``new_rank`` of the queue (one undo step). False if nothing moves."""
        changes = pins_for_move(self.ranking(), workflow_id, new_rank)
        if not changes:
            return False
        name = self._ranked[workflow_id].name
        self._push_pins(changes, tr("Move “%1” to #%2 in the build queue").replace("%1", name)
                        .replace("%2", str(max(1, min(new_rank, sum(r.queued for r in self._ranked.values()))))))
        return True

    def clear_pins(self) -> bool:
        changes = {r.workflow_id: None for r in self._ranked.values() if r.entry.pinned_rank is not None}
        if changes:
            self._push_pins(changes, tr("Clear the manual build-queue order"))
        return bool(changes)

    def _push_pins(self, changes: dict[str, int | None], text: str) -> None:
        with self.editor.macro(text):
            for wf_id, pin in changes.items():
                self.editor.apply(queue_command(self.document, wf_id, text, pinned_rank=pin))


def _tint(name: str, amount: float) -> QColor:
    c = QColor(name)
    return QColor(*(int(v + (255 - v) * amount) for v in (c.red(), c.green(), c.blue())))


class QueueFilter(QSortFilterProxyModel):
    """Filters by category, status (or "in the queue") and text in name, id, owner or notes."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.category: str | None = None
        self.status: str | None = None  # a status, "queued", or None for all
        self.text = ""
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_filter(self, category: str | None = None, status: str | None = None, text: str = "") -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            self.category, self.status, self.text = category, status, text.strip().casefold()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.category, self.status, self.text = category, status, text.strip().casefold()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        model: QueueModel = self.sourceModel()
        r = model.ranked(model.workflow_at(source_row))
        e = r.entry
        if self.category and e.category != self.category:
            return False
        if self.status == "queued" and e.status not in QUEUED:
            return False
        if self.status and self.status != "queued" and e.status != self.status:
            return False
        if self.text:
            hay = " ".join((r.name, r.workflow_id, e.owner, e.notes)).casefold()
            return all(word in hay for word in self.text.split())
        return True
