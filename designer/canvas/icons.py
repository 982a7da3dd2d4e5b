"""Line icons for node kinds, families and panels, recoloured on the fly.

Icons are 24x24 SVG files under ``resources/icons/<name>.svg`` drawn with
``stroke="currentColor"``; the loader substitutes the wanted colour and renders
with QtSvg. Renderers and pixmaps are cached, so asking again is a dictionary
look-up. A missing or unreadable icon falls back to a neutral circle: a typo
in a kind's ``icon`` never crashes the palette or the canvas.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

ICON_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"
NEUTRAL = "#4a5163"  # default ink when no colour is asked for
ICON_SIZES = (16, 20, 24, 32, 48)

_FALLBACK = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" '
    'stroke-width="1.75"><circle cx="12" cy="12" r="7.5"/></svg>'
)
_NAME = re.compile(r"^[A-Za-z0-9_.\-]+$")


def icon_path(icon_name: str) -> Path | None:
    """The SVG file for ``icon_name``, or None when there is none (or the name is unsafe)."""
    if not icon_name or not _NAME.match(icon_name):
        return None
    path = ICON_DIR / f"{icon_name}.svg"
    return path if path.is_file() else None


def has_icon(icon_name: str) -> bool:
    return icon_path(icon_name) is not None


@cache
def _source(icon_name: str) -> str:
    path = icon_path(icon_name)
    if path is None:
        return _FALLBACK
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return _FALLBACK


@lru_cache(maxsize=512)
def _renderer(icon_name: str, colour: str) -> QSvgRenderer:
    svg = _source(icon_name).replace("currentColor", colour)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not renderer.isValid():
        renderer = QSvgRenderer(QByteArray(_FALLBACK.replace("currentColor", colour).encode("utf-8")))
    return renderer


def _device_ratio() -> float:
    app = QGuiApplication.instance()
    screen = QGuiApplication.primaryScreen() if app is not None else None
    return screen.devicePixelRatio() if screen is not None else 1.0


@lru_cache(maxsize=2048)
def _pixmap(icon_name: str, size: int, colour: str, ratio: float) -> QPixmap:
    side = max(1, round(size * ratio))
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _renderer(icon_name, colour).render(painter, QRectF(0, 0, side, side))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def kind_pixmap(icon_name: str, size: int, colour: str) -> QPixmap:
    """``icon_name`` drawn in ``colour`` on a transparent ``size`` x ``size`` pixmap (logical pixels)."""
    return _pixmap(icon_name, int(size), colour or NEUTRAL, _device_ratio())


def render_icon(painter: QPainter, rect: QRectF, icon_name: str, colour: str) -> None:
    """Draw the icon straight into ``rect`` (vector, crisp at any zoom): for canvas items."""
    _renderer(icon_name, colour or NEUTRAL).render(painter, rect)


@lru_cache(maxsize=512)
def _icon(icon_name: str, colour: str, disabled: str) -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addPixmap(kind_pixmap(icon_name, size, colour), QIcon.Mode.Normal)
        icon.addPixmap(kind_pixmap(icon_name, size, disabled), QIcon.Mode.Disabled)
    return icon


def kind_icon(icon_name: str, colour: str | None = None) -> QIcon:
    """A QIcon of ``icon_name`` in ``colour`` (a neutral ink if None), at the usual sizes."""
    return _icon(icon_name, colour or NEUTRAL, "#b8bdc8")


def icon_size(size: int) -> QSize:
    return QSize(size, size)


def clear_cache() -> None:
    """Forget loaded icons (after the icon files change, e.g. in a designer's session)."""
    for cached in (_source, _renderer, _pixmap, _icon):
        cached.cache_clear()
