"""Pictures of templates, drawn by the canvas from the template itself (cached).

A long journey is cut into strips stacked top to bottom, so it fills a card or
the preview legibly instead of as a thin line."""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from designer.blueprint import Blueprint
from designer.canvas import theme
from designer.templates.library import Template, instantiate

from .runbook_export import strips, workflow_image

_cache: dict[tuple, QPixmap] = {}


def fit_picture(image: QImage, size: QSize) -> QPixmap:
    box = size.width() / max(1, size.height())
    rows = max(1, round(math.sqrt(image.width() / max(1, image.height()) / box)))
    parts = strips(image, image.width() / max(1, image.height()) / rows + 1e-6)
    stacked = QImage(max(p.width() for p in parts), sum(p.height() for p in parts), QImage.Format.Format_ARGB32)
    stacked.fill(QColor(theme.BACKGROUND))
    painter = QPainter(stacked)
    y = 0
    for p in parts:
        painter.drawImage(QPoint(0, y), p)
        y += p.height()
    painter.end()
    scaled = stacked.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    out = QPixmap(size)
    out.fill(QColor(theme.BACKGROUND))
    painter = QPainter(out)
    painter.drawImage(QPoint((size.width() - scaled.width()) // 2, (size.height() - scaled.height()) // 2), scaled)
    painter.end()
    return out


def template_picture(template: Template, lang: str, size: QSize, params: dict | None = None) -> QPixmap:
    """The template's journey fitted into ``size`` (its default parameters unless given)."""
    key = (template.id, id(template), lang, size.width(), size.height())
    if params is None and key in _cache:
        return _cache[key]
    workflow = instantiate(template, lang, params)
    image = workflow_image(Blueprint(name=template.id, workflows=[workflow]), workflow.id, scale=1.0)
    pixmap = fit_picture(image, size)
    if params is None:
        _cache[key] = pixmap
    return pixmap
