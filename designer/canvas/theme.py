"""The canvas look: colours, sizes and fonts in one place (light theme).

Plain constants and small cached factories, so items do not build pens,
brushes and fonts on every paint.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPen

# --- canvas -----------------------------------------------------------------
BACKGROUND = "#f6f7fb"
GRID_MINOR = "#eceef4"
GRID_MAJOR = "#e1e4ec"
GRID_STEP = 20.0  # scene units; snapping uses the same step
GRID_MAJOR_EVERY = 5

# --- node cards -------------------------------------------------------------
NODE_WIDTH = 232.0
NODE_BASE_HEIGHT = 60.0
PORT_ROW_HEIGHT = 22.0
NODE_RADIUS = 10.0
CARD_FILL = "#ffffff"
CARD_BORDER = "#dde1ea"
CARD_BORDER_HOVER = "#b9c0cf"
SELECTION = "#2d6cdf"
TITLE_COLOUR = "#1f2430"
SUMMARY_COLOUR = "#6b7285"
PORT_LABEL_COLOUR = "#4a5163"
ICON_SIZE = 30.0
PORT_RADIUS = 5.5
ERROR = "#d64545"
WARNING = "#e0a11b"
VALID = "#2f9e6b"

# --- wires ------------------------------------------------------------------
EDGE = "#9aa3b5"
EDGE_HOVER = "#6f7890"
EDGE_WIDTH = 2.0
PATH = "#f08c00"  # a followed contact's path (run counts)

# --- level of detail: below this scale text is not legible, so it is not drawn
LOD_TEXT = 0.38
LOD_DETAIL = 0.22
FAR_TITLE_PX = 11.0  # on-screen title height between LOD_DETAIL and LOD_TEXT

# --- stage lanes --------------------------------------------------------------
LANE_FILLS = ("#eef1fb", "#f3eefb", "#edf7f2", "#fbf3ea", "#f9edf0", "#eef6f8")
LANE_LABEL = "#7a8196"

# --- sticky notes -------------------------------------------------------------
NOTE_BORDER = "#e8d98a"
NOTE_TEXT = "#4b4424"


@cache
def colour(name: str, alpha: int = 255) -> QColor:
    c = QColor(name)
    c.setAlpha(alpha)
    return c


@cache
def pen(name: str, width: float = 1.0, alpha: int = 255, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    p = QPen(colour(name, alpha), width, style)
    p.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return p


@cache
def brush(name: str, alpha: int = 255) -> QBrush:
    return QBrush(colour(name, alpha))


@cache
def tint(name: str, amount: float) -> QColor:
    """``name`` mixed towards white by ``amount`` (0 = the colour, 1 = white)."""
    c = QColor(name)
    r, g, b = (int(v + (255 - v) * amount) for v in (c.red(), c.green(), c.blue()))
    return QColor(r, g, b)


@cache
def font(size: float, weight: int = 400) -> QFont:
    f = QFont()
    f.setPointSizeF(size)
    f.setWeight(QFont.Weight(weight))
    return f


@cache
def metrics(size: float, weight: int = 400) -> QFontMetricsF:
    return QFontMetricsF(font(size, weight))


TITLE_FONT = (10.2, 600)
SUMMARY_FONT = (8.8, 400)
PORT_FONT = (8.4, 500)
LANE_FONT = (11.0, 600)
