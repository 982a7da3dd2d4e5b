"""Export the current workflow as a picture (PNG, SVG) and the blueprint, or one
workflow, as JSON. Pictures are drawn from the scene at full detail without
the selection; JSON comes from the model (never from the scene)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem

from designer.canvas import theme
from designer.canvas.scene import WorkflowScene
from designer.document import Document
from designer.fileformat import atomic_write_text, dumps, single_workflow

MARGIN = 40.0


@contextmanager
def _clean_picture(scene: WorkflowScene):
    """Full detail, vectors (no item caches) and no selection while drawing; all restored after."""
    selected = scene.selectedItems()
    far = scene.far
    cards = list(scene.nodes.values())
    scene.blockSignals(True)
    try:
        scene.clearSelection()
        scene.set_far(False)
        for item in cards:
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        yield
    finally:
        for item in cards:
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        scene.set_far(far)
        for item in selected:
            item.setSelected(True)
        scene.blockSignals(False)


def _source(scene: WorkflowScene) -> QRectF:
    rect = scene.content_rect()
    if rect.isEmpty():
        rect = QRectF(0, 0, 400, 300)
    return rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def render_image(scene: WorkflowScene, scale: float = 2.0, max_side: int = 16000) -> QImage:
    source = _source(scene)
    scale = min(scale, max_side / max(source.width(), source.height()))
    size = QSize(max(1, round(source.width() * scale)), max(1, round(source.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(theme.BACKGROUND))
    with _clean_picture(scene):
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                               | QPainter.RenderHint.SmoothPixmapTransform)
        scene.render(painter, QRectF(0, 0, size.width(), size.height()), source, Qt.AspectRatioMode.KeepAspectRatio)
        painter.end()
    return image


def export_png(scene: WorkflowScene, path: str | Path, scale: float = 2.0) -> None:
    image = render_image(scene, scale)
    if not image.save(str(path), "PNG"):
        raise OSError(f"cannot write {path}")


def export_svg(scene: WorkflowScene, path: str | Path, title: str = "") -> None:
    source = _source(scene)
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(round(source.width()), round(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(title)
    generator.setDescription("Journey Designer workflow")
    with _clean_picture(scene):
        painter = QPainter()
        if not painter.begin(generator):
            raise OSError(f"cannot write {path}")
        painter.fillRect(QRectF(0, 0, source.width(), source.height()), QColor(theme.BACKGROUND))
        scene.render(painter, QRectF(0, 0, source.width(), source.height()), source, Qt.AspectRatioMode.KeepAspectRatio)
        painter.end()
    if not Path(path).is_file():
        raise OSError(f"cannot write {path}")


def export_json(document: Document, path: str | Path, workflow_id: str | None = None) -> None:
    """The whole blueprint, or only ``workflow_id`` (as a blueprint holding that workflow)."""
    blueprint = document.blueprint
    if workflow_id is not None:
        blueprint = single_workflow(blueprint, document.workflow(workflow_id))
    atomic_write_text(path, dumps(blueprint))
