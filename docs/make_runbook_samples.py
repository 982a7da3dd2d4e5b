"""Make docs/template-gallery.png and a sample runbook (PDF in English and Chinese,
first pages as PNG) from the trade-show template, through the real CLI and widgets.

    QT_QPA_PLATFORM=offscreen python docs/make_runbook_samples.py [OUT_DIR]

Writes template-gallery.png, runbook-sample.pdf, runbook-sample-zh.pdf,
runbook-page1.png and runbook-page1-zh.png. The pages are rendered with Qt's own
PDF renderer (QtPdf), as a reader would see them; ``pdftoppm -png FILE.pdf PREFIX``
(poppler-utils) gives the same check outside Qt.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def first_page(pdf: Path, png: Path, width: int = 1240) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    doc.load(str(pdf))
    size = doc.pagePointSize(0)
    page = doc.render(0, QSize(width, round(width * size.height() / size.width())))
    out = QImage(page.size(), QImage.Format.Format_RGB32)
    out.fill(QColor("white"))  # the page is drawn on a transparent background
    painter = QPainter(out)
    painter.drawImage(0, 0, page)
    painter.end()
    out.save(str(png))
    doc.close()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    from designer.app.launch import make_app
    from designer.app.templates.gallery import TemplateGallery
    from designer.cli import main as journey

    app = make_app()
    with tempfile.TemporaryDirectory() as tmp:
        for lang, suffix in (("en", ""), ("zh", "-zh")):
            blueprint = Path(tmp) / f"show{suffix}.json"
            pdf = out / f"runbook-sample{suffix}.pdf"
            assert journey(["new", str(blueprint), "--template", "trade-show", "--lang", lang]) == 0
            assert journey(["runbook", str(blueprint), "-o", str(pdf), "--lang", lang, "--dry-run", "--force"]) == 0
            first_page(pdf, out / f"runbook-page1{suffix}.png")
    gallery = TemplateGallery(lang="en")
    gallery.resize(1500, 860)
    gallery.show()
    gallery.select("trade-show")
    gallery.draw_all()
    for _ in range(5):
        app.processEvents()
    gallery.grab().save(str(out / "template-gallery.png"))
    print(f"wrote the gallery, runbook PDFs and first pages to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
