"""A wire: a smooth bezier from an output port to a node's input, with an arrowhead.

The path, bounding rect and hit shape are computed when an end moves (after
``prepareGeometryChange``), never in paint().
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPolygonF
from PySide6.QtWidgets import QGraphicsItem

from . import theme
from .hover import HoverHighlight


def wire_path(start: QPointF, end: QPointF) -> QPainterPath:
    dx = end.x() - start.x()
    bend = max(48.0, abs(dx) * 0.5, min(160.0, abs(end.y() - start.y()) * 0.6) if dx < 40 else 0.0)
    path = QPainterPath(start)
    path.cubicTo(QPointF(start.x() + bend, start.y()), QPointF(end.x() - bend, end.y()), end)
    return path


def arrow_head(end: QPointF) -> QPolygonF:
    return QPolygonF([QPointF(end.x() - 1, end.y()), QPointF(end.x() - 10, end.y() - 5), QPointF(end.x() - 10, end.y() + 5)])


class EdgeItem(HoverHighlight, QGraphicsItem):
    Type = QGraphicsItem.UserType + 3

    def __init__(self, key: tuple[str, str, str]) -> None:
        super().__init__()
        self.key = key  # (source, port, target): an edge's identity in the model
        self._path = QPainterPath()
        self._arrow = QPolygonF()
        self._rect = QRectF()
        self._shape: QPainterPath | None = None
        self._hover = False
        self.flow = 0.0  # run counts: the pen width for the contacts that took this wire (counts.py)
        self.traced = False  # on the followed contact's path
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setZValue(0)  # no item cache: measured cheaper than re-rendering caches on zoom

    def type(self) -> int:
        return self.Type

    @property
    def source(self) -> str:
        return self.key[0]

    @property
    def port(self) -> str:
        return self.key[1]

    @property
    def target(self) -> str:
        return self.key[2]

    def set_ends(self, start: QPointF, end: QPointF) -> None:
        self.prepareGeometryChange()
        end = QPointF(end.x() - theme.PORT_RADIUS, end.y())
        self._path = wire_path(start, end)
        self._arrow = arrow_head(end)
        self._rect = self._path.controlPointRect().adjusted(-12, -12, 12, 12)
        self._shape = None

    def path(self) -> QPainterPath:
        return self._path

    def set_flow(self, width: float) -> None:
        if width != self.flow:
            self.flow = width
            self.update()

    def set_traced(self, on: bool) -> None:
        if on != self.traced:
            self.traced = on
            self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(12)
            self._shape = stroker.createStroke(self._path)
        return self._shape

    def paint(self, painter: QPainter, option, widget=None) -> None:
        lod = painter.worldTransform().m11()
        if self.isSelected():
            colour, width = theme.SELECTION, theme.EDGE_WIDTH + 1
        elif self._hover:
            colour, width = theme.EDGE_HOVER, theme.EDGE_WIDTH + 0.5
        else:
            colour, width = theme.EDGE, theme.EDGE_WIDTH
        if self.traced:
            colour = theme.PATH
        width = max(width, self.flow)
        if lod < theme.LOD_DETAIL:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(theme.pen(colour, 0))  # cosmetic: one device pixel
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self._path)
            return
        painter.setPen(theme.pen(colour, width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.brush(colour))
        painter.drawPolygon(self._arrow)


class PendingWireItem(QGraphicsItem):
    """The wire that follows the mouse while a connection is being drawn."""

    def __init__(self, start: QPointF) -> None:
        super().__init__()
        self._start = start
        self._path = QPainterPath(start)
        self._rect = QRectF()
        self.state: str | None = None
        self.setZValue(5)

    def set_end(self, end: QPointF, state: str | None) -> None:
        self.prepareGeometryChange()
        self.state = state
        self._path = wire_path(self._start, end)
        self._rect = self._path.controlPointRect().adjusted(-6, -6, 6, 6)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        colour = {"valid": theme.VALID, "invalid": theme.ERROR}.get(self.state, theme.SELECTION)
        painter.setPen(theme.pen(colour, 2.0, 255, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
