"""The canvas background: a subtle grid, drawn only over the exposed rect and
thinned as the view zooms out (so a zoomed-out frame draws few lines)."""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QPainter

from . import theme

MIN_SPACING_PX = 14.0  # finer lines than this blur into a tint, so they are dropped


def grid_step(scale: float) -> float:
    step = theme.GRID_STEP
    while step * scale < MIN_SPACING_PX:
        step *= theme.GRID_MAJOR_EVERY
    return step


def draw_grid(painter: QPainter, rect: QRectF, scale: float) -> None:
    painter.fillRect(rect, theme.colour(theme.BACKGROUND))
    step = grid_step(scale)
    major = step * theme.GRID_MAJOR_EVERY
    left, top = math.floor(rect.left() / step) * step, math.floor(rect.top() / step) * step
    minor_lines, major_lines = [], []
    x = left
    while x < rect.right():
        (major_lines if abs(math.remainder(x, major)) < 1e-6 else minor_lines).append(QLineF(x, rect.top(), x, rect.bottom()))
        x += step
    y = top
    while y < rect.bottom():
        (major_lines if abs(math.remainder(y, major)) < 1e-6 else minor_lines).append(QLineF(rect.left(), y, rect.right(), y))
        y += step
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(theme.pen(theme.GRID_MINOR, 0))  # cosmetic: one pixel at any zoom
    painter.drawLines(minor_lines)
    painter.setPen(theme.pen(theme.GRID_MAJOR, 0))
    painter.drawLines(major_lines)
    painter.restore()
