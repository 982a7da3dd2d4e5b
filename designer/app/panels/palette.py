"""The palette: every node kind of the catalogue, grouped by family, to drag onto the canvas.

Read from the registry (``designer.nodes.by_family``): a new kind appears here
without a line of palette code. A filter box narrows the list by label, kind id
or description; a kind is dragged out as ``application/x-journey-node-kind``
(its id, utf-8), or activated by double-click / Enter (``kindActivated``).
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QFont, QFontMetrics, QKeyEvent, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from designer.canvas.icons import kind_icon, kind_pixmap
from designer.i18n import translate  # kind labels are the core's words
from designer.nodes import FAMILY_LOOK, Family, NodeKind, by_family

from .. import panel_style as ps

MIME_KIND = "application/x-journey-node-kind"

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # kind id (kind rows) or None (family headers)
FAMILY_ROLE = Qt.ItemDataRole.UserRole + 2  # Family value
DESCRIPTION_ROLE = Qt.ItemDataRole.UserRole + 3
ICON_ROLE = Qt.ItemDataRole.UserRole + 4
COUNT_ROLE = Qt.ItemDataRole.UserRole + 5

HEADER_HEIGHT = 30
ROW_HEIGHT = 46
TILE = 30


def kind_label(kind: NodeKind) -> str:
    return translate(kind.label)


def kind_description(kind: NodeKind) -> str:
    return translate(kind.description)


def family_title(family: Family) -> str:
    return translate(FAMILY_LOOK[family].title)


def build_mime_data(kind_id: str) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_KIND, kind_id.encode("utf-8"))
    return mime


class _Delegate(QStyledItemDelegate):
    """Draws family headers (small caps, chevron, count) and kind rows (icon tile, label, description)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        header = index.data(KIND_ROLE) is None
        return QSize(option.rect.width(), HEADER_HEIGHT if header else ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = FAMILY_LOOK[Family(index.data(FAMILY_ROLE))].colour
        if index.data(KIND_ROLE) is None:
            self._paint_header(painter, option, index, colour)
        else:
            self._paint_kind(painter, option, index, colour)
        painter.restore()

    def _paint_header(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex, colour: str):
        r = QRectF(option.rect).adjusted(10, 0, -12, 0)
        expanded = bool(option.state & QStyle.StateFlag.State_Open)
        chevron = kind_pixmap("chevron_down" if expanded else "chevron_right", 14, ps.FAINT)
        painter.drawPixmap(QPointF(r.left(), r.center().y() - 7), chevron)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(QPointF(r.left() + 22, r.center().y()), 3.5, 3.5)
        font = QFont(option.font)
        font.setPointSizeF(max(6.0, font.pointSizeF() - 1.2))
        font.setWeight(QFont.Weight.DemiBold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        painter.setFont(font)
        painter.setPen(QColor(ps.MUTED))
        text_rect = r.adjusted(32, 0, -24, 0)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, index.data().upper())
        painter.setPen(QColor(ps.FAINT))
        painter.drawText(r, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, str(index.data(COUNT_ROLE)))

    def _paint_kind(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex, colour: str):
        r = QRectF(option.rect).adjusted(6, 2, -6, -2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        if selected or hovered:
            painter.setPen(QPen(QColor(ps.tint(colour, 0.55)), 1) if selected else Qt.PenStyle.NoPen)
            painter.setBrush(QColor(ps.tint(colour, 0.9) if selected else ps.HOVER))
            painter.drawRoundedRect(r, 8, 8)
        tile = QRectF(r.left() + 8, r.center().y() - TILE / 2, TILE, TILE)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(ps.tint(colour, 0.86)))
        painter.drawRoundedRect(tile, 8, 8)
        icon = kind_pixmap(index.data(ICON_ROLE), 18, colour)
        painter.drawPixmap(QPointF(tile.center().x() - 9, tile.center().y() - 9), icon)

        text = r.adjusted(TILE + 18, 5, -6, -5)
        title_font = QFont(option.font)
        title_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(title_font)
        painter.setPen(QColor(ps.INK))
        line = QFontMetrics(title_font).height()
        description = index.data(DESCRIPTION_ROLE) or ""
        if not description:
            painter.drawText(text, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, index.data())
            return
        top = text.center().y() - line + 1
        painter.drawText(QRectF(text.left(), top, text.width(), line), Qt.AlignmentFlag.AlignLeft, index.data())
        small = QFont(option.font)
        small.setPointSizeF(max(6.0, small.pointSizeF() - 1.0))
        painter.setFont(small)
        painter.setPen(QColor(ps.MUTED))
        elided = QFontMetrics(small).elidedText(description, Qt.TextElideMode.ElideRight, int(text.width()))
        painter.drawText(QRectF(text.left(), top + line, text.width(), line), Qt.AlignmentFlag.AlignLeft, elided)


class _KindTree(QTreeWidget):
    """The list itself: drags kinds out, activates on Enter."""

    activatedKind = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(0)
        self.setUniformRowHeights(False)
        self.setMouseTracking(True)
        self.setItemDelegate(_Delegate(self))
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QTreeWidget.Shape.NoFrame)
        self.setAttribute(Qt.WidgetAttribute.WA_MacShowFocusRect, False)
        self.itemDoubleClicked.connect(self._double_clicked)
        self.itemClicked.connect(self._clicked)

    # --- drag ----------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [MIME_KIND]

    def mimeData(self, items) -> QMimeData:
        kinds = [i.data(0, KIND_ROLE) for i in items if i.data(0, KIND_ROLE)]
        return build_mime_data(kinds[0]) if kinds else QMimeData()

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def startDrag(self, actions: Qt.DropAction) -> None:
        item = self.currentItem()
        if item is None or not item.data(0, KIND_ROLE):
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData([item]))
        drag.setPixmap(self._drag_pixmap(item))
        drag.setHotSpot(drag.pixmap().rect().center() / max(1.0, drag.pixmap().devicePixelRatio()))
        drag.exec(Qt.DropAction.CopyAction, Qt.DropAction.CopyAction)

    def _drag_pixmap(self, item: QTreeWidgetItem) -> QPixmap:
        """A small card like the one the drop will create."""
        colour = FAMILY_LOOK[Family(item.data(0, FAMILY_ROLE))].colour
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold)
        width = QFontMetrics(font).horizontalAdvance(item.text(0)) + 62
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(int(width * ratio), int(44 * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QPainterPath()
        card.addRoundedRect(QRectF(1, 1, width - 2, 42), 10, 10)
        p.fillPath(card, QColor(255, 255, 255, 235))
        p.setPen(QPen(QColor(colour), 1.5))
        p.drawPath(card)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(ps.tint(colour, 0.86)))
        p.drawRoundedRect(QRectF(8, 7, 30, 30), 8, 8)
        p.drawPixmap(QPointF(14, 13), kind_pixmap(item.data(0, ICON_ROLE), 18, colour))
        p.setFont(font)
        p.setPen(QColor(ps.INK))
        p.drawText(QRectF(46, 0, width - 50, 44), Qt.AlignmentFlag.AlignVCenter, item.text(0))
        p.end()
        return pixmap

    # --- activation ----------------------------------------------------------
    def _double_clicked(self, item: QTreeWidgetItem) -> None:
        if kind := item.data(0, KIND_ROLE):
            self.activatedKind.emit(kind)

    def _clicked(self, item: QTreeWidgetItem) -> None:
        if item.data(0, KIND_ROLE) is None:
            item.setExpanded(not item.isExpanded())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            if kind := item.data(0, KIND_ROLE):
                self.activatedKind.emit(kind)
            else:
                item.setExpanded(not item.isExpanded())
            return
        super().keyPressEvent(event)


class _FilterEdit(QLineEdit):
    """The search box: Down moves into the list, Enter takes the first match."""

    down = Signal()
    accepted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accepted.emit()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class PaletteWidget(QWidget):
    """Every node kind, grouped by family, with a filter box; drag a kind out or activate it."""

    kindActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("palette")
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            f"#palette {{ background: {ps.SURFACE}; }}"
            f"#paletteFilter {{ background: {ps.SUNKEN}; border: 1px solid {ps.BORDER}; border-radius: 8px;"
            f" padding: 5px 6px; color: {ps.INK}; }}"
            f"#paletteFilter:focus {{ border: 1px solid {ps.ACCENT}; background: {ps.SURFACE}; }}"
            f"QTreeWidget {{ background: {ps.SURFACE}; border: none; outline: none; }}"
            + ps.SCROLLBAR_QSS
        )
        self.filter = _FilterEdit(self)
        self.filter.setObjectName("paletteFilter")
        self.filter.setPlaceholderText(self.tr("Search steps"))
        self.filter.setClearButtonEnabled(True)
        self.filter.addAction(kind_icon("search", ps.FAINT), QLineEdit.ActionPosition.LeadingPosition)
        self.filter.textChanged.connect(self.apply_filter)
        self.filter.down.connect(self._focus_list)
        self.filter.accepted.connect(self._activate_first)

        self.tree = _KindTree(self)
        self.tree.activatedKind.connect(self.kindActivated)
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {ps.MUTED}; padding: 24px 12px;")
        self.empty.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 10, 4, 4)
        layout.setSpacing(6)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._populate()

    # --- public API -------------------------------------------------------------
    def mime_data(self, kind_id: str) -> QMimeData:
        """The drag payload for ``kind_id``: MIME_KIND with the id in utf-8."""
        return build_mime_data(kind_id)

    def set_filter(self, text: str) -> None:
        self.filter.setText(text)

    def visible_kinds(self) -> list[str]:
        """Kind ids the filter leaves visible, in palette order."""
        return [k for k, item in self._items.items() if not item.isHidden() and not item.parent().isHidden()]

    def visible_families(self) -> list[Family]:
        root = self.tree.invisibleRootItem()
        return [Family(root.child(i).data(0, FAMILY_ROLE)) for i in range(root.childCount())
                if not root.child(i).isHidden()]

    def item_for(self, kind_id: str) -> QTreeWidgetItem | None:
        return self._items.get(kind_id)

    def focus_filter(self) -> None:
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    # --- building ---------------------------------------------------------------
    def _populate(self) -> None:
        self.tree.clear()
        self._items.clear()
        for family, kinds in by_family().items():
            if not kinds:
                continue
            header = QTreeWidgetItem(self.tree, [family_title(family)])
            header.setData(0, KIND_ROLE, None)
            header.setData(0, FAMILY_ROLE, family.value)
            header.setData(0, COUNT_ROLE, len(kinds))
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for kind in kinds:
                item = QTreeWidgetItem(header, [kind_label(kind)])
                item.setData(0, KIND_ROLE, kind.kind)
                item.setData(0, FAMILY_ROLE, family.value)
                item.setData(0, ICON_ROLE, kind.icon)
                description = kind_description(kind)
                item.setData(0, DESCRIPTION_ROLE, description)
                item.setToolTip(0, description or kind_label(kind))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
                item.setData(0, Qt.ItemDataRole.UserRole, self._haystack(kind))
                self._items[kind.kind] = item
            header.setExpanded(True)

    @staticmethod
    def _haystack(kind: NodeKind) -> str:
        parts = (kind.label, kind_label(kind), kind.kind, kind.description, kind_description(kind))
        return "\n".join(parts).casefold()

    # --- filtering and keys -----------------------------------------------------------
    def apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        root = self.tree.invisibleRootItem()
        shown_any = False
        for i in range(root.childCount()):
            header = root.child(i)
            shown = 0
            for j in range(header.childCount()):
                item = header.child(j)
                match = not needle or needle in item.data(0, Qt.ItemDataRole.UserRole)
                item.setHidden(not match)
                shown += match
            header.setHidden(shown == 0)
            header.setData(0, COUNT_ROLE, shown)
            if needle and shown:
                header.setExpanded(True)
            shown_any = shown_any or shown > 0
        self.tree.setVisible(shown_any)
        self.empty.setVisible(not shown_any)
        if not shown_any:
            self.empty.setText(self.tr("No step matches \u201c%1\u201d.").replace("%1", text.strip()))

    def _first_visible(self) -> QTreeWidgetItem | None:
        visible = self.visible_kinds()
        return self._items[visible[0]] if visible else None

    def _focus_list(self) -> None:
        item = self._first_visible()
        if item is not None:
            item.parent().setExpanded(True)
            self.tree.setCurrentItem(item)
            self.tree.setFocus(Qt.FocusReason.TabFocusReason)

    def _activate_first(self) -> None:
        current = self.tree.currentItem()
        if current is not None and current.data(0, KIND_ROLE) and not current.isHidden() and self.filter.text() == "":
            self.kindActivated.emit(current.data(0, KIND_ROLE))
            return
        item = self._first_visible()
        if item is not None:
            self.kindActivated.emit(item.data(0, KIND_ROLE))
