"""Quick add: Tab (or a double-click on empty canvas, or a wire dropped on empty
canvas) opens a search over the catalogue at the cursor; type, then Enter adds
the chosen step there (wired in, when the search was opened from a wire)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from designer.canvas import theme
from designer.i18n import translate
from designer.nodes import FAMILY_LOOK, NodeKind, all_kinds

from .base import Gesture, tr


def _kind_icon(kind: NodeKind) -> QIcon:
    try:
        from designer.canvas.icons import kind_icon
    except ImportError:
        return QIcon()
    try:
        return kind_icon(kind.icon, kind.colour)
    except Exception:  # noqa: BLE001 (a broken icon never stops the search)
        return QIcon()


def score(kind: NodeKind, text: str) -> int | None:
    """How well ``text`` matches a kind (lower is better); None if it does not."""
    text = text.strip().lower()
    if not text:
        return 50
    label = translate(kind.label).lower()
    if label.startswith(text):
        return 0
    if any(w.startswith(text) for w in label.replace("/", " ").split()):
        return 1
    if text in label or text in kind.kind.lower():
        return 2
    if text in FAMILY_LOOK[kind.family].title.lower():
        return 3
    if text in kind.description.lower():
        return 4
    return None


def matches(text: str) -> list[NodeKind]:
    scored = [(s, i, k) for i, k in enumerate(all_kinds()) if (s := score(k, text)) is not None]
    return [k for _, _, k in sorted(scored, key=lambda t: (t[0], t[1]))]


class QuickAddPopup(QFrame):
    chosen = Signal(str)
    dismissed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("QuickAdd")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            f"#QuickAdd {{ background: white; border: 1px solid {theme.CARD_BORDER_HOVER}; border-radius: 8px; }}"
            f"QLineEdit {{ border: 1px solid {theme.CARD_BORDER}; border-radius: 6px; padding: 5px 8px;"
            " font-size: 10.5pt; }"
            "QListWidget { border: none; outline: none; }"
            "QListWidget::item { padding: 4px 6px; border-radius: 5px; }"
            f"QListWidget::item:selected {{ background: {theme.SELECTION}; color: white; }}"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("Add a step: type to search…"))
        self.list = QListWidget(self)
        self.list.setIconSize(QSize(18, 18))
        self.hint = QLabel(tr("Enter adds · Esc cancels"), self)
        self.hint.setStyleSheet(f"color: {theme.SUMMARY_COLOUR}; font-size: 8.5pt;")
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(self.hint)
        self.resize(320, 380)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.search.textChanged.connect(self._refill)
        self.search.installEventFilter(self)
        self.list.itemActivated.connect(lambda item: self._choose(item))
        self._done = False
        self._refill("")

    def _refill(self, text: str) -> None:
        self.list.clear()
        for kind in matches(text):
            item = QListWidgetItem(_kind_icon(kind), translate(kind.label))
            item.setData(Qt.ItemDataRole.UserRole, kind.kind)
            family = translate(FAMILY_LOOK[kind.family].title)
            item.setToolTip(f"{family}: {translate(kind.description)}")
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        rows = max(1, min(self.list.count(), 11))
        self.resize(self.width(), 92 + rows * self.list.sizeHintForRow(0) if self.list.count() else 130)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.search and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self.list.keyPressEvent(event)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose(self.list.currentItem())
                return True
            if key == Qt.Key.Key_Escape:
                self.close()
                return True
        return super().eventFilter(obj, event)

    def _choose(self, item: QListWidgetItem | None) -> None:
        if item is None or self._done:
            return
        self._done = True
        kind_id = item.data(Qt.ItemDataRole.UserRole)
        self.close()
        self.chosen.emit(kind_id)

    def closeEvent(self, event) -> None:
        super().closeEvent(event)
        if not self._done:
            self._done = True
            self.dismissed.emit()

    def popup_at(self, global_pos: QPoint) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        x, y = global_pos.x(), global_pos.y()
        if screen is not None:
            x = min(max(screen.left(), x), screen.right() - self.width())
            y = min(max(screen.top(), y), screen.bottom() - self.height())
        self.move(x, y)
        self.show()
        self.search.setFocus(Qt.FocusReason.PopupFocusReason)


class QuickAddGesture(Gesture):
    """Not a mouse drag: it starts with the popup and finishes when a kind is chosen."""

    def __init__(self, view, scene_pos: QPointF, wire_from: tuple[str, str] | None = None) -> None:
        super().__init__(view)
        self.scene_pos, self.wire_from = scene_pos, wire_from
        self.popup: QuickAddPopup | None = None

    def start(self, global_pos: QPoint) -> QuickAddPopup:
        self.popup = QuickAddPopup(self.view)
        self.popup.chosen.connect(self.finish)
        self.popup.dismissed.connect(self.cancel)
        self.popup.popup_at(global_pos)
        return self.popup

    def finish(self, kind_id: str) -> None:
        x = self.scene_pos.x() - (0 if self.wire_from else theme.NODE_WIDTH / 2)
        y = self.scene_pos.y() - theme.NODE_BASE_HEIGHT / 2
        self.editor.add_node(self.workflow_id, kind_id, x, y, wire_from=self.wire_from)
        self.view.gesture_ended(self)

    def cancel(self) -> None:
        if self.popup is not None and self.popup.isVisible():
            self.popup.close()
        self.view.gesture_ended(self)
