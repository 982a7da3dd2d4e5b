"""In-place editors and cell painting for the build-queue table.

Category and status edit with combo boxes, the 1..5 scales with spin boxes
(each value's meaning as its tooltip), the target date with a date editor
whose lowest value means "no date". Category cells draw as coloured pills,
status cells with a coloured dot, pinned ranks with a pin.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QDateEdit, QSpinBox, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from designer.planning import CATEGORIES, CATEGORY_COLOURS, STATUS_COLOURS, STATUSES

from .model import FIELDS, RANKED_ROLE, Column
from .text import category_hint, category_label, scale_hint, status_label, tr

NO_DATE = QDate(2000, 1, 1)  # the date editor's minimum stands for "no target date"
PIN_COLOUR = "#c7642b"
SCALE_COLUMNS = (Column.VALUE, Column.IMPACT, Column.EFFORT, Column.CONFIDENCE)


class QueueDelegate(QStyledItemDelegate):
    # --- editors ------------------------------------------------------------------
    def createEditor(self, parent, option, index):
        col = Column(index.column())
        if col in (Column.CATEGORY, Column.STATUS):
            combo = QComboBox(parent)
            keys = CATEGORIES if col == Column.CATEGORY else STATUSES
            for key in keys:
                combo.addItem(category_label(key) if col == Column.CATEGORY else status_label(key), key)
                if col == Column.CATEGORY:
                    combo.setItemData(combo.count() - 1, category_hint(key), Qt.ItemDataRole.ToolTipRole)
            combo.activated.connect(lambda _=0, c=combo: self._commit(c))
            return combo
        if col in SCALE_COLUMNS:
            spin = QSpinBox(parent)
            spin.setRange(1, 5)
            spin.setAlignment(Qt.AlignmentFlag.AlignCenter)
            spin.valueChanged.connect(lambda v, s=spin, f=FIELDS[col]: s.setToolTip(scale_hint(f, v)))
            return spin
        if col == Column.TARGET:
            edit = QDateEdit(parent)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMinimumDate(NO_DATE)
            edit.setSpecialValueText(tr("No date"))
            edit.setToolTip(tr("The lowest date means no target date"))
            return edit
        return super().createEditor(parent, option, index)

    def _commit(self, editor) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor, index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, QDateEdit):
            editor.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)
            if not value:  # shows "No date", but the calendar opens on this month, not on 2000
                today = QDate.currentDate()
                editor.calendarWidget().setCurrentPage(today.year(), today.month())
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QSpinBox):
            editor.interpretText()
            model.setData(index, editor.value())
        elif isinstance(editor, QDateEdit):
            d = editor.date()
            model.setData(index, None if d <= NO_DATE else date(d.year(), d.month(), d.day()))
        else:
            super().setModelData(editor, model, index)

    # --- painting -------------------------------------------------------------------
    def paint(self, painter: QPainter, option, index) -> None:
        col = Column(index.column())
        if col not in (Column.CATEGORY, Column.STATUS, Column.RANK):
            return super().paint(painter, option, index)
        ranked = index.data(RANKED_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(6, 0, -6, 0)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ink = option.palette.highlightedText().color() if selected else option.palette.text().color()
        if col == Column.CATEGORY:
            self._pill(painter, rect, text, CATEGORY_COLOURS[ranked.entry.category], ranked.queued)
        elif col == Column.STATUS:
            self._dot(painter, rect, text, STATUS_COLOURS[ranked.entry.status], ink if ranked.queued else QColor("#8a90a0"))
        else:
            self._rank(painter, QRectF(option.rect), text, ranked.pinned, ink)
        painter.restore()

    def _pill(self, painter: QPainter, rect: QRectF, text: str, colour: str, strong: bool) -> None:
        font = QFont(painter.font())
        font.setWeight(QFont.Weight.DemiBold)
        font.setPointSizeF(font.pointSizeF() * 0.92)
        width = QFontMetrics(font).horizontalAdvance(text) + 18
        height = min(20.0, rect.height() - 6)
        pill = QRectF(rect.left(), rect.center().y() - height / 2, min(width, rect.width()), height)
        fill = QColor(colour)
        if not strong:
            fill.setAlpha(120)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)

    def _dot(self, painter: QPainter, rect: QRectF, text: str, colour: str, ink: QColor) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(QPointF(rect.left() + 5, rect.center().y()), 4.5, 4.5)
        painter.setPen(ink)
        painter.drawText(rect.adjusted(16, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)

    def _rank(self, painter: QPainter, rect: QRectF, text: str, pinned: bool, ink: QColor) -> None:
        font = QFont(painter.font())
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(QColor(PIN_COLOUR) if pinned else ink)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        if pinned:  # a small push-pin in the cell's top-right corner
            x, y = rect.right() - 9, rect.top() + 7
            painter.setPen(QPen(QColor(PIN_COLOUR), 1.6))
            painter.drawLine(QPointF(x, y + 2), QPointF(x - 4, y + 8))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(PIN_COLOUR))
            painter.drawEllipse(QPointF(x + 0.5, y + 1), 3.2, 3.2)
