"""Write a runbook file (Markdown, HTML or PDF) with the journey's picture.

The picture is the real canvas scene rendered offscreen (the same drawing as
File > Export > Workflow as PNG); the PDF is the runbook's HTML printed by Qt's
own rich text (QTextDocument onto a QPdfWriter), so no browser is needed.
Used by File > Export runbook and by ``journey runbook`` (which imports this
lazily, under offscreen Qt when there is no display).
"""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from designer.blueprint import Blueprint, Workflow
from designer.fileformat import atomic_write_text
from designer.templates.runbook import runbook
from designer.templates.runbook_render import to_html, to_markdown

FORMATS = (".html", ".md", ".pdf")


def workflow_image(blueprint: Blueprint, workflow_id: str, scale: float = 1.5) -> QImage:
    """The workflow drawn by the canvas, off screen."""
    from designer.app.files.export import render_image
    from designer.canvas.scene import WorkflowScene
    from designer.document import Document

    scene = WorkflowScene(Document(blueprint), workflow_id)
    try:
        return render_image(scene, scale, max_side=4000)
    finally:
        scene.retire()
        scene.deleteLater()


def strips(image: QImage, max_aspect: float = 3.5) -> list[QImage]:
    """A long journey cut into strips that each fill the page's width legibly, in reading order."""
    count = max(1, math.ceil(image.width() / (image.height() * max_aspect)))
    width = math.ceil(image.width() / count)
    return [image.copy(i * width, 0, min(width, image.width() - i * width), image.height()) for i in range(count)]


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def write_runbook_headless(path: str | Path, blueprint: Blueprint, workflow: Workflow, lang: str = "en",
                           report: Any = None) -> None:
    """``write_runbook`` from the command line: offscreen where there is no display, with a
    QApplication made if none runs (the picture and the PDF need one)."""
    import os
    import sys

    from PySide6.QtWidgets import QApplication

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QApplication.instance() or QApplication([sys.argv[0]])
    write_runbook(path, blueprint, workflow, lang, report)


def write_runbook(path: str | Path, blueprint: Blueprint, workflow: Workflow, lang: str = "en",
                  report: dict[str, Any] | None = None) -> Path:
    """Write the runbook; the format follows the suffix. Raises ValueError for an
    unknown suffix and OSError when the file cannot be written (nothing half-written)."""
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"cannot write a runbook as '{suffix or out.name}': use .html, .md or .pdf")
    data = runbook(blueprint, workflow, report)
    image = workflow_image(blueprint, workflow.id)
    if suffix == ".md":
        atomic_write_text(out, to_markdown(data, lang, png_bytes(image)))
    elif suffix == ".html":
        atomic_write_text(out, to_html(data, lang, png_bytes(image)))
    else:
        _write_pdf(out, data, lang, image)
    return out


def _write_pdf(out: Path, data: dict[str, Any], lang: str, image: QImage) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        writer = QPdfWriter(tmp)
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
        writer.setResolution(144)
        writer.setTitle(data["name"])
        writer.setCreator("Journey Designer")
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        names = []
        for i, strip in enumerate(strips(image)):
            names.append(f"journey-{i}.png")
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(names[-1]), strip)
        page = writer.pageLayout().paintRectPixels(writer.resolution())
        doc.setHtml(to_html(data, lang, picture_width=max(100, int(page.width() - 8)), picture_src=names))
        doc.setPageSize(page.size().toSizeF())
        doc.print_(writer)
        del writer  # closes the file
        if not Path(tmp).stat().st_size:
            raise OSError(f"cannot write {out}")
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
