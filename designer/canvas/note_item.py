"""A sticky note for comments: movable, resizable from its corner, edited in place
(double-click). Edits are reported to the scene, which turns them into commands."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QTextCursor, QTextOption
from PySide6.QtWidgets import QGraphicsItem, QGraphicsTextItem

from designer.blueprint import StickyNote

from . import theme

GRIP = 14.0


class _Editor(QGraphicsTextItem):
    def __init__(self, note: NoteItem) -> None:
        super().__init__(note.text, note)
        self._note = note
        self.setDefaultTextColor(theme.colour(theme.NOTE_TEXT))
        self.setFont(theme.font(10))
        self.setTextWidth(note.width - 20)
        self.setPos(10, 8)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self._note.finish_editing(self.toPlainText())

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self._note.finish_editing(None)
            return
        super().keyPressEvent(event)


class NoteItem(QGraphicsItem):
    Type = QGraphicsItem.UserType + 4

    def __init__(self, note: StickyNote, scene_hooks) -> None:
        super().__init__()
        self.note_id = note.id
        self._hooks = scene_hooks
        self._rect = QRectF()
        self._editor: _Editor | None = None
        self._resize_from: tuple[float, float] | None = None
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        self.setAcceptHoverEvents(True)
        self.setZValue(-1)
        self.text, self.width, self.height, self.fill = "", 0.0, 0.0, note.colour
        self.update_from(note)

    def type(self) -> int:
        return self.Type

    def update_from(self, note: StickyNote) -> None:
        if (note.width, note.height) != (self.width, self.height):
            self.prepareGeometryChange()
            self.width, self.height = note.width, note.height
            self._rect = QRectF(-4, -4, self.width + 8, self.height + 8)
        self.text, self.fill = note.text, note.colour
        self.setPos(note.position.x, note.position.y)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    # --- editing ------------------------------------------------------------------
    def start_editing(self) -> None:
        if self._editor is None:
            self._editor = _Editor(self)
            cursor = self._editor.textCursor()
            cursor.select(QTextCursor.SelectionType.Document)  # typing replaces; arrows keep it
            self._editor.setTextCursor(cursor)
            self._editor.setFocus(Qt.FocusReason.MouseFocusReason)
            self.update()

    def finish_editing(self, text: str | None) -> None:
        editor, self._editor = self._editor, None
        if editor is None:
            return
        editor.setParentItem(None)
        if editor.scene():
            editor.scene().removeItem(editor)
        self.update()
        if text is not None and text != self.text:
            self._hooks.note_edited(self.note_id, text=text)

    def mouseDoubleClickEvent(self, event) -> None:
        self.start_editing()

    def _in_grip(self, pos: QPointF) -> bool:
        return pos.x() > self.width - GRIP and pos.y() > self.height - GRIP

    def hoverMoveEvent(self, event) -> None:
        self.setCursor(Qt.CursorShape.SizeFDiagCursor if self._in_grip(event.pos()) else Qt.CursorShape.ArrowCursor)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._in_grip(event.pos()):
            self._resize_from = (self.width, self.height)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._resize_from is not None:
            self.prepareGeometryChange()
            self.width = min(4000.0, max(80.0, event.pos().x()))
            self.height = min(4000.0, max(50.0, event.pos().y()))
            self._rect = QRectF(-4, -4, self.width + 8, self.height + 8)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._resize_from is not None:
            old, self._resize_from = self._resize_from, None
            if old != (self.width, self.height):
                self._hooks.note_edited(self.note_id, width=round(self.width), height=round(self.height))
            return
        super().mouseReleaseEvent(event)

    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionChange and self._hooks.snap_enabled():
            step = theme.GRID_STEP
            return QPointF(round(value.x() / step) * step, round(value.y() / step) * step)
        return super().itemChange(change, value)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        rect = QRectF(0, 0, self.width, self.height)
        painter.setPen(theme.pen(theme.SELECTION if self.isSelected() else theme.NOTE_BORDER, 1.5 if self.isSelected() else 1.0))
        painter.setBrush(theme.brush(self.fill))
        painter.drawRoundedRect(rect, 6, 6)
        if painter.worldTransform().m11() < theme.LOD_TEXT or self._editor is not None:
            return
        painter.setPen(theme.colour(theme.NOTE_TEXT))
        painter.setFont(theme.font(10))
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        painter.save()
        painter.setClipRect(rect.adjusted(0, 0, 0, -8))
        painter.drawText(rect.adjusted(14, 12, -14, -12), self.text or "", option)
        painter.restore()
        painter.setPen(theme.pen(theme.NOTE_BORDER, 1.2))
        for d in (4, 8):
            painter.drawLine(QPointF(self.width - d, self.height - 3), QPointF(self.width - 3, self.height - d))
