"""A node card: a rounded card coloured by family, with icon, title, one-line
summary, input on the left, labelled output ports on the right, and a problem badge.

The card paints from a ``NodeLook`` computed when the model changes, caches its
bounding rect and paths, and is drawn through a device-coordinate cache, so
panning blits pixmaps instead of calling paint(). Text is dropped below a
legible zoom, decided from the view transform the painter carries.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPaintEngine, QPainter, QPainterPath, QStaticText, QTransform
from PySide6.QtWidgets import QGraphicsItem

from designer.blueprint import Node

from . import theme
from .hover import HoverHighlight
from .look import NodeLook, icon_pixmap, render_icon, tr
from .port_item import PortItem

SHADOW = 10.0  # margin kept in the bounding rect for the hover/selection shadow
PAD = 14.0
_PATHS: dict[float, tuple[QPainterPath, QPainterPath]] = {}
VECTOR_ENGINES = (QPaintEngine.Type.SVG, QPaintEngine.Type.Pdf, QPaintEngine.Type.Picture)


def behaviour_tip() -> str:
    return "<br>\u0394 " + tr("Changes the dry-run behaviour (see the inspector)")


def card_paths(height: float) -> tuple[QPainterPath, QPainterPath]:
    """The card outline and its left accent strip, shared by cards of one height."""
    if height not in _PATHS:
        card = QPainterPath()
        card.addRoundedRect(QRectF(0, 0, theme.NODE_WIDTH, height), theme.NODE_RADIUS, theme.NODE_RADIUS)
        strip = QPainterPath()
        strip.addRect(QRectF(0, 0, 5, height))
        _PATHS[height] = (card, card.intersected(strip))
    return _PATHS[height]


def card_height(look: NodeLook) -> float:
    extra = len(look.ports) if len(look.ports) > 1 else 0
    return theme.NODE_BASE_HEIGHT + extra * theme.PORT_ROW_HEIGHT + (6.0 if extra else 0.0)


_POSITION_CHANGE = QGraphicsItem.GraphicsItemChange.ItemPositionChange
_POSITION_CHANGED = QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged
_SELECTED_CHANGED = QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged


class NodeItem(HoverHighlight, QGraphicsItem):
    Type = QGraphicsItem.UserType + 1

    def __init__(self, node: Node, scene_hooks) -> None:
        super().__init__()
        self.node_id = node.id
        self._hooks = scene_hooks  # the scene: told when the card moves, asked for snapping
        self.look: NodeLook | None = None
        self.ports: dict[str, PortItem] = {}
        self.badge: tuple[str, str] | None = None  # (severity, tooltip)
        self.drop_state: str | None = None  # "valid"/"invalid" while a wire hovers
        self._hover = False
        self._rect = QRectF()
        self._height = theme.NODE_BASE_HEIGHT
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
            | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
        )
        self.setAcceptHoverEvents(True)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(1)
        self.update_from(node)
        self.setPos(node.position.x, node.position.y)

    def type(self) -> int:
        return self.Type

    # --- model -> item --------------------------------------------------------
    def update_from(self, node: Node) -> None:
        look = NodeLook.of(node)
        if look == self.look:
            return
        height = card_height(look)
        if height != self._height or self.look is None:
            self.prepareGeometryChange()
            self._height = height
            self._rect = QRectF(-SHADOW, -SHADOW, theme.NODE_WIDTH + 2 * SHADOW, height + 2 * SHADOW)
        old_ports = self.look.ports if self.look else None
        self.look = look
        self._elide()
        if look.ports != old_ports or (self.ports and next(iter(self.ports.values())).colour != look.colour):
            self._rebuild_ports()
        tip = f"<b>{look.title}</b><br>{look.summary}" + (behaviour_tip() if look.behaviour else "")
        self.setToolTip(self.badge[1] + "<hr>" + tip if self.badge else tip)
        self.update()

    def _elide(self) -> None:
        look = self.look
        right = PAD + (18.0 if self.badge else 0.0) + (14.0 if look.behaviour else 0.0)
        text_w = theme.NODE_WIDTH - self.text_left - right
        # Laid out once here (QStaticText), not on every paint.
        self._title = _static(look.title, theme.TITLE_FONT, text_w, Qt.TextElideMode.ElideRight)
        self._summary = _static(look.summary, theme.SUMMARY_FONT, text_w, Qt.TextElideMode.ElideRight)
        port_w = theme.NODE_WIDTH - 2 * PAD
        self._port_labels = [_static(label, theme.PORT_FONT, port_w, Qt.TextElideMode.ElideMiddle) for _, label in look.ports]

    def _rebuild_ports(self) -> None:
        wired = {pid for pid, p in self.ports.items() if p.wired}
        for port in self.ports.values():
            port.setParentItem(None)
            if port.scene():
                port.scene().removeItem(port)
        self.ports = {}
        for i, (pid, label) in enumerate(self.look.ports):
            port = PortItem(self, pid, label, self.look.colour)
            port.setPos(self.port_position(i))
            port.wired = pid in wired
            self.ports[pid] = port

    @property
    def text_left(self) -> float:
        return PAD + theme.ICON_SIZE + 10.0

    def port_position(self, index: int) -> QPointF:
        if len(self.look.ports) <= 1:
            return QPointF(theme.NODE_WIDTH, theme.NODE_BASE_HEIGHT / 2)
        y = theme.NODE_BASE_HEIGHT + 3.0 + (index + 0.5) * theme.PORT_ROW_HEIGHT
        return QPointF(theme.NODE_WIDTH, y)

    def output_anchor(self, port_id: str) -> QPointF:
        port = self.ports.get(port_id)
        local = port.pos() if port is not None else QPointF(theme.NODE_WIDTH, theme.NODE_BASE_HEIGHT / 2)
        return self.pos() + local

    def input_anchor(self) -> QPointF:
        return self.pos() + QPointF(0.0, theme.NODE_BASE_HEIGHT / 2)

    def set_badge(self, badge: tuple[str, str] | None) -> None:
        if badge != self.badge:
            self.badge = badge
            self._elide()
            tip = f"<b>{self.look.title}</b><br>{self.look.summary}" + (behaviour_tip() if self.look.behaviour else "")
            self.setToolTip(badge[1] + "<hr>" + tip if badge else tip)
            self.update()

    def set_drop_state(self, state: str | None) -> None:
        if state != self.drop_state:
            self.drop_state = state
            self.update()

    def card_rect(self) -> QRectF:
        return QRectF(0, 0, theme.NODE_WIDTH, self._height)

    # --- Qt ---------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._rect

    def shape(self) -> QPainterPath:
        return card_paths(self._height)[0]

    def itemChange(self, change, value):
        # Called some 17 times per card while a scene is built: module constants, not enum look-ups.
        if change == _POSITION_CHANGE and self._hooks.snap_enabled():
            step = theme.GRID_STEP
            return QPointF(round(value.x() / step) * step, round(value.y() / step) * step)
        if change == _POSITION_CHANGED:
            self._hooks.node_item_moved(self)
        elif change == _SELECTED_CHANGED:
            self.setZValue(2 if value else 1)
        return super().itemChange(change, value)

    def mouseDoubleClickEvent(self, event) -> None:
        self._hooks.node_double_clicked(self)

    # --- painting -------------------------------------------------------------------
    def paint(self, painter: QPainter, option, widget=None) -> None:
        look = self.look
        lod = painter.worldTransform().m11()
        h = self._height
        card, strip = card_paths(h)
        selected = self.isSelected()
        if lod < theme.LOD_DETAIL:  # a coloured block is all that can be seen
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.fillRect(self.card_rect(), theme.colour(theme.SELECTION) if selected else theme.tint(look.colour, 0.55))
            if self.badge:
                painter.fillRect(QRectF(theme.NODE_WIDTH - 40, 0, 40, 40), theme.colour(self._badge_colour()))
            return
        if (self._hover or selected) and lod >= theme.LOD_TEXT:
            self._paint_shadow(painter, h)
        painter.setPen(self._border_pen(selected))
        painter.setBrush(theme.brush(theme.CARD_FILL))
        painter.drawPath(card)
        painter.fillPath(strip, theme.colour(look.colour))
        if look.has_input:
            self._paint_input(painter)
        if lod < theme.LOD_TEXT:
            self._paint_far_title(painter, lod)
        else:
            icon_rect = QRectF(PAD, (theme.NODE_BASE_HEIGHT - theme.ICON_SIZE) / 2, theme.ICON_SIZE, theme.ICON_SIZE)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.tint(look.colour, 0.84))
            painter.drawRoundedRect(icon_rect, 7, 7)
            self._paint_text(painter, icon_rect, lod)
        for port in self.ports.values():
            port.paint_on_card(painter)
        if self.badge:
            self._paint_badge(painter)
        if look.behaviour and lod >= theme.LOD_TEXT:
            self._paint_behaviour_mark(painter)

    def _border_pen(self, selected: bool):
        if self.drop_state == "valid":
            return theme.pen(theme.VALID, 2.5)
        if self.drop_state == "invalid":
            return theme.pen(theme.ERROR, 2.5)
        if selected:
            return theme.pen(theme.SELECTION, 2.0)
        return theme.pen(theme.CARD_BORDER_HOVER if self._hover else theme.CARD_BORDER, 1.0)

    def _paint_shadow(self, painter: QPainter, h: float) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        for i, alpha in ((7, 10), (4, 16), (2, 22)):
            painter.setBrush(theme.brush("#1b2340", alpha))
            painter.drawRoundedRect(QRectF(-i + 1, -i + 3, theme.NODE_WIDTH + 2 * i - 2, h + 2 * i - 2), 12 + i, 12 + i)

    def _paint_input(self, painter: QPainter) -> None:
        r = theme.PORT_RADIUS
        c = QPointF(0, theme.NODE_BASE_HEIGHT / 2)
        painter.setPen(theme.pen(theme.EDGE_HOVER, 2.0))
        painter.setBrush(theme.brush(theme.CARD_FILL))
        painter.drawEllipse(c, r, r)

    def _paint_icon(self, painter: QPainter, icon_rect: QRectF, lod: float) -> None:
        look = self.look
        target = QRectF(0, 0, 18, 18)
        target.moveCenter(icon_rect.center())
        if painter.paintEngine().type() in VECTOR_ENGINES and render_icon(painter, target, look.icon, look.colour):
            return  # vectors for an SVG export
        pixmap = icon_pixmap(look.icon, max(16, int(18 * lod + 0.5)), look.colour)
        if pixmap is not None:
            painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))
            return
        painter.setPen(theme.colour(look.colour))  # an unknown kind: its initial
        painter.setFont(theme.font(11, 700))
        painter.drawText(icon_rect, Qt.AlignmentFlag.AlignCenter, (look.title or "?")[:1].upper())

    def _paint_text(self, painter: QPainter, icon_rect: QRectF, lod: float) -> None:
        look = self.look
        self._paint_icon(painter, icon_rect, lod)
        x = self.text_left
        painter.setPen(theme.colour(theme.TITLE_COLOUR))
        painter.setFont(theme.font(*theme.TITLE_FONT))
        painter.drawStaticText(QPointF(x, 26 - theme.metrics(*theme.TITLE_FONT).ascent()), self._title)
        painter.setPen(theme.colour(theme.SUMMARY_COLOUR if look.settings_ok else theme.ERROR))
        painter.setFont(theme.font(*theme.SUMMARY_FONT))
        painter.drawStaticText(QPointF(x, 44 - theme.metrics(*theme.SUMMARY_FONT).ascent()), self._summary)
        if len(look.ports) > 1:
            top = theme.NODE_BASE_HEIGHT
            painter.setPen(theme.pen(theme.CARD_BORDER, 1.0))
            painter.drawLine(QPointF(8, top), QPointF(theme.NODE_WIDTH - 8, top))
            painter.setPen(theme.colour(theme.PORT_LABEL_COLOUR))
            painter.setFont(theme.font(*theme.PORT_FONT))
            for i, label in enumerate(self._port_labels):
                size = label.size()
                y = top + 3 + (i + 0.5) * theme.PORT_ROW_HEIGHT - size.height() / 2
                painter.drawStaticText(QPointF(theme.NODE_WIDTH - PAD - size.width(), y), label)

    def _paint_far_title(self, painter: QPainter, lod: float) -> None:
        """Zoomed out, the normal text would be a few pixels high: show the title
        alone, in a font that stays legible on screen, elided to the card."""
        size = theme.FAR_TITLE_PX / max(lod, theme.LOD_DETAIL)
        font = theme.font(round(size * 0.75, 1), 600)  # px -> pt at 96 dpi
        left = PAD + 2
        rect = QRectF(left, 0, theme.NODE_WIDTH - left - PAD, theme.NODE_BASE_HEIGHT)
        text = theme.metrics(round(size * 0.75, 1), 600).elidedText(
            self.look.title, Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.setPen(theme.colour(theme.TITLE_COLOUR))
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)

    def _badge_colour(self) -> str:
        return theme.ERROR if self.badge and self.badge[0] == "error" else theme.WARNING

    def _paint_behaviour_mark(self, painter: QPainter) -> None:
        """A small delta: this step changes the dry-run's behaviour model (issue 18)."""
        x = theme.NODE_WIDTH - PAD - 8 - (18.0 if self.badge else 0.0)
        painter.setPen(theme.colour(theme.SELECTION))
        painter.setFont(theme.font(9.5, 800))
        painter.drawText(QRectF(x - 6, 6, 14, 16), Qt.AlignmentFlag.AlignCenter, "\u0394")

    def _paint_badge(self, painter: QPainter) -> None:
        c = QPointF(theme.NODE_WIDTH - 14, 14)
        painter.setPen(theme.pen(theme.CARD_FILL, 1.5))
        painter.setBrush(theme.brush(self._badge_colour()))
        painter.drawEllipse(c, 8, 8)
        painter.setPen(theme.colour(theme.CARD_FILL))
        painter.setFont(theme.font(8.5, 800))
        painter.drawText(QRectF(c.x() - 8, c.y() - 8, 16, 16), Qt.AlignmentFlag.AlignCenter, "!")


@functools.lru_cache(maxsize=8192)
def _static(text: str, font_spec: tuple[float, int], width: float, mode: Qt.TextElideMode) -> QStaticText:
    """Laid-out text, shared by every card showing the same words (QStaticText is a shared value):
    opening a large file lays out each distinct title and summary once, not once per card."""
    elided = theme.metrics(*font_spec).elidedText(text, mode, width)
    static = QStaticText(elided)
    static.setTextFormat(Qt.TextFormat.PlainText)
    static.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
    static.prepare(QTransform(), theme.font(*font_spec))
    return static


def badge_tooltip(severity: str, messages: list[str]) -> str:
    head = tr("Error") if severity == "error" else tr("Warning")
    body = "<br>".join(f"• {m}" for m in messages[:6])
    more = len(messages) - 6
    if more > 0:
        body += "<br>" + tr("… and %d more") % more
    return f"<b>{head}</b><br>{body}"
