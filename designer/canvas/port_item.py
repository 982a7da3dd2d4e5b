"""An output port on a node card: where a new wire starts.

The port item is the hit target (and tooltip) for the new-wire gesture
(gestures/new_wire.py), which finds it under the mouse. It has no contents of
its own: the card paints its port circles into its cached pixmap, so a
zoomed-out frame makes no paint call per port. It never writes the model.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QGraphicsItem

from . import theme

HIT_RADIUS = 9.0


class PortItem(QGraphicsItem):
    Type = QGraphicsItem.UserType + 2

    def __init__(self, parent: QGraphicsItem, port_id: str, label: str, colour: str) -> None:
        super().__init__(parent)
        self.port_id, self.label, self.colour = port_id, label, colour
        self.wired = False
        self._hover = False
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(label)
        self.setZValue(1)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)

    def type(self) -> int:
        return self.Type

    @property
    def node_id(self) -> str:
        return self.parentItem().node_id

    def set_wired(self, wired: bool) -> None:
        if wired != self.wired:
            self.wired = wired
            self.parentItem().update()

    def boundingRect(self) -> QRectF:
        return QRectF(-HIT_RADIUS, -HIT_RADIUS, 2 * HIT_RADIUS, 2 * HIT_RADIUS)

    @property
    def hovered(self) -> bool:
        return self._hover

    def hoverEnterEvent(self, event) -> None:
        self._hover = True
        self.parentItem().update()

    def hoverLeaveEvent(self, event) -> None:
        self._hover = False
        self.parentItem().update()

    def paint(self, painter, option, widget=None) -> None:
        pass  # drawn by the card (ItemHasNoContents)

    def paint_on_card(self, painter) -> None:
        r = theme.PORT_RADIUS + (1.5 if self._hover else 0.0)
        painter.setPen(theme.pen(self.colour, 2.0))
        painter.setBrush(theme.brush(self.colour) if self.wired or self._hover else theme.brush(theme.CARD_FILL))
        painter.drawEllipse(self.pos(), r, r)
