"""Colouring a read-only workflow scene by change: added green, removed red, changed amber.

Marks are extra items laid on the scene (a tinted halo behind a card, a thick
stroke under a wire, a dashed ghost for a step only the other version has):
the canvas items themselves are not touched.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsSimpleTextItem

from designer.canvas import theme
from designer.canvas.node_item import card_height

COLOURS = {"added": "#2f9e6b", "removed": "#d64545", "changed": "#e0a11b"}
HALO = 7.0


def colour(state: str, alpha: int = 255) -> QColor:
    c = QColor(COLOURS[state])
    c.setAlpha(alpha)
    return c


def mark_scene(scene, steps: dict[str, str], wires: dict[str, str]) -> list:
    """Halo each marked step and wire of ``scene`` (a WorkflowScene); returns the new items."""
    from designer.diff import edge_key

    items = []
    for node_id, state in steps.items():
        card = scene.nodes.get(node_id)
        if card is None:
            continue
        rect = QRectF(0, 0, theme.NODE_WIDTH, card_height(card.look) if card.look else theme.NODE_BASE_HEIGHT)
        items.append(_halo(scene, rect.translated(card.pos()), state))
    by_key = {edge_key({"source": s, "source_port": p, "target": t}): item for (s, p, t), item in scene.edges.items()}
    for key, state in wires.items():
        wire = by_key.get(key)
        if wire is None:
            continue
        item = QGraphicsPathItem(wire.path())
        item.setPen(QPen(colour(state, 150), 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        item.setZValue(wire.zValue() - 0.1)
        scene.addItem(item)
        items.append(item)
    return items


def _halo(scene, rect: QRectF, state: str, dashed: bool = False) -> QGraphicsPathItem:
    path = QPainterPath()
    path.addRoundedRect(rect.adjusted(-HALO, -HALO, HALO, HALO), theme.NODE_RADIUS + HALO, theme.NODE_RADIUS + HALO)
    item = QGraphicsPathItem(path)
    pen = QPen(colour(state), 3, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
    item.setPen(pen)
    item.setBrush(QBrush(colour(state, 40 if dashed else 70)))
    item.setZValue(0.5)  # above the lanes and wires, behind the cards (z 1)
    item.setData(0, state)
    scene.addItem(item)
    return item


def add_ghosts(scene, nodes: list) -> list:
    """Dashed outlines, with titles, where steps of the other version stood (overlay mode)."""
    items = []
    for node in nodes:
        rect = QRectF(node.position.x, node.position.y, theme.NODE_WIDTH, theme.NODE_BASE_HEIGHT)
        halo = _halo(scene, rect, "removed", dashed=True)
        # Its name goes above the outline: a new step may stand where it stood
        label = QGraphicsSimpleTextItem(f"− {node.display_title}", halo)
        label.setBrush(colour("removed"))
        label.setFont(theme.font(10, 600))
        label.setPos(rect.left(), rect.top() - HALO - 18)
        items.append(halo)
    return items
