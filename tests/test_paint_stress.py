"""Paint a node-heavy canvas a few hundred thousand times: guards the PySide6
6.12 / Python 3.11 crash.

PySide6 6.12.x on Python 3.11 leaks a reference to ``None`` on every
``QPainter.setBrush``; ``None`` is not immortal before Python 3.12, so after
enough paints its count reaches zero and the interpreter aborts ("Fatal
Python error: deallocating None"). pyproject.toml excludes 6.12 on 3.11; this
test fails (first with a clear message, else by crashing) if a build with
that bug is installed. It paints the real canvas items (cards of every kind,
with badges, selection, multi-port branches, wires, notes), which call
setBrush several times per paint.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

TOTAL_PAINTS = 200_000


@pytest.fixture
def heavy_scene(qapp):
    from designer.blueprint import Blueprint, Edge, Node, Position, StickyNote, Workflow
    from designer.canvas.scene import WorkflowScene
    from designer.connections import output_ports
    from designer.document import Document
    from designer.nodes import all_kinds
    from designer.validation import validate

    kinds = all_kinds()
    nodes, edges = [], []
    for i in range(120):
        kind = kinds[i % len(kinds)]
        nodes.append(Node(id=f"n{i}", kind=kind.kind, position=Position(x=(i % 12) * 280.0, y=(i // 12) * 160.0),
                          settings=kind.defaults()))
    for i, node in enumerate(nodes[:-1]):
        ports = output_ports(node)
        target = nodes[i + 1]
        if ports and target.kind.split(".")[0] != "trigger":
            edges.append(Edge(source=node.id, source_port=ports[0].id, target=target.id))
    notes = [StickyNote(id=f"note{i}", text="Check with legal " * 3, position=Position(x=i * 300.0, y=-200.0))
             for i in range(4)]
    blueprint = Blueprint(name="Stress", workflows=[Workflow(id="w", name="Stress", nodes=nodes, edges=edges, notes=notes)])
    scene = WorkflowScene(Document(blueprint), "w")
    scene.set_problems(validate(blueprint))  # badges
    for item in list(scene.nodes.values())[::7]:
        item.setSelected(True)
    return scene


def _paint_all(items, image: QImage, option) -> int:
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for item in items:
        painter.save()
        item.paint(painter, option)
        painter.restore()
    painter.end()
    return len(items)


def test_painting_does_not_leak_none(heavy_scene):
    items = [*heavy_scene.nodes.values(), *heavy_scene.edges.values(), *heavy_scene.notes.values()]
    assert any(item.badge for item in heavy_scene.nodes.values())
    image = QImage(320, 200, QImage.Format.Format_ARGB32_Premultiplied)
    option = QStyleOptionGraphicsItem()
    _paint_all(items, image, option)  # warm caches (fonts, icons, paths)
    before = sys.getrefcount(None)
    for _ in range(10):
        _paint_all(items, image, option)
    lost = before - sys.getrefcount(None)
    assert lost < 500, f"painting lost {lost} references to None: a PySide6 build with the 6.12 setBrush leak"


def test_paint_a_node_heavy_scene_hundreds_of_thousands_of_times(heavy_scene):
    items = [*heavy_scene.nodes.values(), *heavy_scene.edges.values(), *heavy_scene.notes.values()]
    image = QImage(320, 200, QImage.Format.Format_ARGB32_Premultiplied)
    big = QImage(1200, 700, QImage.Format.Format_ARGB32_Premultiplied)
    option = QStyleOptionGraphicsItem()
    source = heavy_scene.content_rect()
    painted, passes = 0, 0
    start = time.perf_counter()
    while painted < TOTAL_PAINTS:
        painted += _paint_all(items, image, option)
        passes += 1
        if passes % 40 == 0:  # and through the scene, as a view or an export would
            painter = QPainter(big)
            heavy_scene.render(painter, QRectF(big.rect()), source)
            painter.end()
    elapsed = time.perf_counter() - start
    assert painted >= TOTAL_PAINTS
    assert sys.getrefcount(None) > 1000
    print(f"{painted:,} item paints in {elapsed:.1f} s")
