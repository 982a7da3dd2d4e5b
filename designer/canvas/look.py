"""What a node card shows, computed once per model change (never in paint()).

``NodeLook`` reads the kind from the catalogue: label, family colour, icon,
one-line summary of the settings and the output ports with their labels.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QPainter, QPixmap

from designer.blueprint import Node
from designer.connections import output_ports
from designer.i18n import translate
from designer.nodes import get_kind

from . import icons


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


UNKNOWN_COLOUR = "#8a90a0"


@dataclass(frozen=True)
class NodeLook:
    title: str
    summary: str
    colour: str
    icon: str
    ports: tuple[tuple[str, str], ...]  # (port id, label)
    has_input: bool
    settings_ok: bool
    known: bool
    behaviour: bool = False  # carries a dry-run behaviour override (the small delta mark)

    @classmethod
    def of(cls, node: Node) -> NodeLook:
        kind = get_kind(node.kind)
        if kind is None:
            return cls(node.display_title, tr("Unknown step kind: %s") % node.kind, UNKNOWN_COLOUR, "", (), True, False, False)
        settings = kind.try_parse(node.settings)
        summary = kind.summary(settings) if settings is not None else tr("Settings need attention")
        ports = tuple((p.id, p.label) for p in output_ports(node))
        title = node.title or translate(kind.label)
        return cls(title, summary, kind.colour, kind.icon, ports, kind.has_input, settings is not None, True,
                   bool(node.behaviour))


def icon_pixmap(icon: str, size: int, colour: str) -> QPixmap | None:
    """The kind's icon (``designer.canvas.icons``, cached there), or None."""
    if not icon:
        return None
    try:
        pixmap = icons.kind_pixmap(icon, size, colour)
    except Exception:  # noqa: BLE001 (a broken icon file must not break painting)
        return None
    return None if pixmap is None or pixmap.isNull() else pixmap


def render_icon(painter: QPainter, rect: QRectF, icon: str, colour: str) -> bool:
    """Draw the kind's icon as vectors (for SVG export); False if it cannot."""
    if not icon:
        return False
    try:
        icons.render_icon(painter, rect, icon, colour)
    except Exception:  # noqa: BLE001 (as above)
        return False
    return True
