"""Stage lanes: the lifecycle stages as vertical bands behind a workflow, so it
reads left to right from one stage to the next.

A band starts at the workflow's ``from_stage``; each Stage step (the stage
family) starts the band of the stage it sets, at its x position. The bands are
computed from the model (``lane_bands``, no Qt) and drawn by one item that
never takes the mouse.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem

from designer.blueprint import Blueprint, Workflow
from designer.nodes import Family, get_kind

from . import theme

TOP_MARGIN = 56.0
BOTTOM_MARGIN = 30.0
SIDE_MARGIN = 36.0


@dataclass(frozen=True)
class Band:
    left: float
    right: float
    stage_id: str
    name: str
    index: int  # the stage's place in the blueprint's order (for its colour)


def lane_bands(blueprint: Blueprint, workflow: Workflow, node_width: float) -> tuple[list[Band], tuple[float, float]]:
    """Bands left to right, and the vertical extent (top, bottom) of the content."""
    if not workflow.nodes:
        return [], (0.0, 0.0)
    names = {s.id: (i, s.name) for i, s in enumerate(blueprint.stages)}
    xs = [n.position.x for n in workflow.nodes]
    ys = [n.position.y for n in workflow.nodes]
    left, right = min(xs) - SIDE_MARGIN, max(xs) + node_width + SIDE_MARGIN
    markers = []
    for n in workflow.nodes:
        kind = get_kind(n.kind)
        if kind is not None and kind.family is Family.STAGE and isinstance(n.settings.get("stage"), str):
            markers.append((n.position.x, n.settings["stage"]))
    markers.sort()
    starts: list[tuple[float, str | None]] = [(left, workflow.from_stage)]
    for x, stage in markers:
        edge = x - SIDE_MARGIN / 2
        if edge <= starts[-1][0] + 1:
            starts[-1] = (starts[-1][0], stage)
        else:
            starts.append((edge, stage))
    bands = []
    for i, (x0, stage) in enumerate(starts):
        x1 = starts[i + 1][0] if i + 1 < len(starts) else right
        if stage is None:
            continue
        index, name = names.get(stage, (len(names), stage))
        bands.append(Band(x0, x1, stage, name, index))
    return bands, (min(ys), max(ys) + 120.0)


class LanesItem(QGraphicsItem):
    """Draws the bands; it is never hit (empty shape), so clicks reach the canvas."""

    def __init__(self) -> None:
        super().__init__()
        self._bands: list[Band] = []
        self._top = self._bottom = 0.0
        self._rect = QRectF()
        self.setZValue(-10)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)

    def set_bands(self, bands: list[Band], extent: tuple[float, float]) -> None:
        top, bottom = extent[0] - TOP_MARGIN, extent[1] + BOTTOM_MARGIN
        if bands == self._bands and (top, bottom) == (self._top, self._bottom):
            return
        self.prepareGeometryChange()
        self._bands, self._top, self._bottom = bands, top, bottom
        self._rect = QRectF(bands[0].left, top, bands[-1].right - bands[0].left, bottom - top) if bands else QRectF()
        self.update()

    @property
    def bands(self) -> list[Band]:
        return self._bands

    def boundingRect(self) -> QRectF:
        return self._rect

    def shape(self) -> QPainterPath:
        return QPainterPath()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        lod = painter.worldTransform().m11()
        h = self._bottom - self._top
        for i, band in enumerate(self._bands):
            rect = QRectF(band.left, self._top, band.right - band.left, h)
            painter.fillRect(rect, theme.colour(theme.LANE_FILLS[band.index % len(theme.LANE_FILLS)], 150))
            if i:
                painter.setPen(theme.pen(theme.CARD_BORDER_HOVER, 1.0, 255, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(band.left, self._top), QPointF(band.left, self._bottom))
            if lod >= theme.LOD_DETAIL:
                painter.setPen(theme.colour(theme.LANE_LABEL))
                size = theme.LANE_FONT[0] / max(lod, 0.5)  # stays readable when zoomed out a little
                painter.setFont(theme.font(size, theme.LANE_FONT[1]))
                painter.drawText(QPointF(band.left + 16, self._top + 16 + size * 1.4), band.name.upper())
