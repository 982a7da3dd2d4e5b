"""The Blueprint overview: the whole programme on one screen.

Every workflow is a card under the lifecycle stage it moves contacts *from*
(``workflow.from_stage``; none or an unknown stage: a first "Unassigned"
column, shown only when needed), in build-queue order, with its category
(coloured), status and rank. Double-click a card: ``workflowActivated(id)``.
``export_png(path)`` / ``export_svg(path)`` write the picture for a deck or a wiki.
The view reads the Document and never writes it.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QWidget

from designer.canvas import theme as t
from designer.canvas.hover import HoverHighlight
from designer.document import Change, Document
from designer.planning import CATEGORIES, CATEGORY_COLOURS, STATUS_COLOURS, RankedWorkflow, rank, summary

from .text import category_hint, category_label, status_label

MARGIN, TITLE_H, HEADER_H = 28.0, 74.0, 46.0
CARD_W, CARD_H, GAP, PAD = 214.0, 90.0, 10.0, 12.0
ROWS_PER_STACK = 6  # a busier stage gets a second stack of cards, so the picture stays wide, not tall
UNASSIGNED = None


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


class WorkflowCard(HoverHighlight, QGraphicsItem):
    """One workflow; every string is laid out once, here, not in paint()."""

    def __init__(self, r: RankedWorkflow, to_stage: str, description: str) -> None:
        super().__init__()
        self.workflow_id, self.ranked = r.workflow_id, r
        self._hover = False
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        name_fm = t.metrics(*t.TITLE_FONT)
        self._name = _two_lines(r.name, name_fm, CARD_W - 60)
        self._category = category_label(r.entry.category)
        self._status = status_label(r.entry.status)
        self._rank = f"#{r.rank}" if r.rank else ""
        small = t.metrics(7.6, 600)
        self._pill_w = small.horizontalAdvance(self._category) + 14
        to_fm = t.metrics(*t.PORT_FONT)
        self._to = to_fm.elidedText(tr("→ %1").replace("%1", to_stage), Qt.TextElideMode.ElideRight,
                                    CARD_W - 28) if to_stage else ""
        self.setToolTip("\n".join(p for p in (r.name, description, r.reason) if p))
        if r.entry.status == "retired":
            self.setOpacity(0.5)

    def boundingRect(self) -> QRectF:
        return QRectF(-2, -2, CARD_W + 4, CARD_H + 4)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(0, 0, CARD_W, CARD_H)
        colour = CATEGORY_COLOURS[self.ranked.entry.category]
        border = t.SELECTION if self.isSelected() else (t.CARD_BORDER_HOVER if self._hover else t.CARD_BORDER)
        painter.setPen(t.pen(border, 2.0 if self.isSelected() else 1.0))
        painter.setBrush(t.brush(t.CARD_FILL))
        painter.drawRoundedRect(rect, 8, 8)
        bar = QPainterPath()
        bar.addRoundedRect(QRectF(0.5, 0.5, 12, CARD_H - 1), 7.5, 7.5)
        clip = QPainterPath()
        clip.addRect(QRectF(0, 0, 5.5, CARD_H))
        painter.fillPath(bar.intersected(clip), t.brush(colour))
        painter.setPen(t.colour(t.TITLE_COLOUR))
        painter.setFont(t.font(*t.TITLE_FONT))
        painter.drawText(QRectF(18, 9, CARD_W - 62, 38), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, self._name)
        if self._rank:
            painter.setFont(t.font(9.0, 700))
            painter.setPen(t.colour(t.SUMMARY_COLOUR))
            painter.drawText(QRectF(CARD_W - 52, 9, 42, 16), Qt.AlignmentFlag.AlignRight, self._rank)
            if self.ranked.pinned:
                painter.setPen(t.pen("#c7642b", 1.5))
                painter.drawLine(QPointF(CARD_W - 10, 32), QPointF(CARD_W - 14, 38))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(t.brush("#c7642b"))
                painter.drawEllipse(QPointF(CARD_W - 9.5, 31), 3, 3)
        y = CARD_H - 25
        pill = QRectF(18, y, self._pill_w, 17)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(t.brush(colour))
        painter.drawRoundedRect(pill, 8.5, 8.5)
        painter.setFont(t.font(7.6, 600))
        painter.setPen(QColor("#ffffff"))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, self._category)
        x = pill.right() + 10
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(t.brush(STATUS_COLOURS[self.ranked.entry.status]))
        painter.drawEllipse(QPointF(x + 4, y + 8.5), 4, 4)
        painter.setFont(t.font(*t.SUMMARY_FONT))
        painter.setPen(t.colour(t.SUMMARY_COLOUR))
        painter.drawText(QRectF(x + 12, y, CARD_W - x - 12, 17), Qt.AlignmentFlag.AlignVCenter, self._status)
        if self._to:
            painter.setFont(t.font(*t.PORT_FONT))
            painter.drawText(QRectF(18, 46, CARD_W - 28, 15), Qt.AlignmentFlag.AlignVCenter, self._to)


def _two_lines(text: str, fm, width: float) -> str:
    """``text`` wrapped on words into at most two lines, the second elided."""
    words, first = text.split(), ""
    while words and fm.horizontalAdvance((first + " " + words[0]).strip()) <= width:
        first = (first + " " + words.pop(0)).strip()
    if not first:  # one long word
        return fm.elidedText(text, Qt.TextElideMode.ElideRight, width)
    rest = " ".join(words)
    return first + ("\n" + fm.elidedText(rest, Qt.TextElideMode.ElideRight, width) if rest else "")


class BlueprintOverview(QGraphicsView):
    workflowActivated = Signal(str)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setBackgroundBrush(t.brush(t.BACKGROUND))
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.document = document
        self._cards: dict[str, WorkflowCard] = {}
        self._columns: dict[str | None, QRectF] = {}
        self._unsubscribe = self._subscribe(document)
        self.rebuild()

    # --- public API -------------------------------------------------------------
    def set_document(self, document: Document) -> None:
        self._unsubscribe()
        self.document = document
        self._unsubscribe = self._subscribe(document)
        self.rebuild()

    def placement(self) -> dict[str, str | None]:
        """Workflow id -> the stage id of the column its card is in (None: unassigned)."""
        return {wf_id: key for key, _ in self._columns.items() for wf_id, card in self._cards.items()
                if card.data(0) == key}

    def columns(self) -> list[str | None]:
        return list(self._columns)

    def column_rect(self, stage_id: str | None) -> QRectF:
        return QRectF(self._columns[stage_id])

    def card_rect(self, workflow_id: str) -> QRectF:
        return self._cards[workflow_id].sceneBoundingRect().adjusted(2, 2, -2, -2)

    def export_png(self, path: str | Path, scale: float = 2.0) -> None:
        rect = self.scene().sceneRect()
        image = QImage(QSize(math.ceil(rect.width() * scale), math.ceil(rect.height() * scale)), QImage.Format.Format_ARGB32)
        image.fill(t.colour(t.BACKGROUND))
        self._render(QPainter(image), QRectF(image.rect()), rect)
        if not image.save(str(path), "PNG"):
            raise OSError(f"could not write {path}")

    def export_svg(self, path: str | Path) -> None:
        rect = self.scene().sceneRect()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setResolution(96)  # the point sizes of the fonts as on screen and in the PNG
        generator.setSize(QSize(math.ceil(rect.width()), math.ceil(rect.height())))
        generator.setViewBox(QRect(0, 0, math.ceil(rect.width()), math.ceil(rect.height())))
        generator.setTitle(self.document.blueprint.name)
        generator.setDescription(tr("Blueprint overview: every workflow under the stage it starts from"))
        self._render(QPainter(generator), QRectF(0, 0, rect.width(), rect.height()), rect)
        if not Path(path).is_file():
            raise OSError(f"could not write {path}")

    # --- building -----------------------------------------------------------------
    def _subscribe(self, document: Document):
        unsubscribe = document.subscribe(self._on_change)
        self.destroyed.connect(lambda *_: unsubscribe())
        return unsubscribe

    def _on_change(self, change: Change) -> None:
        if change.what in ("blueprint", "workflows", "workflow"):
            self.rebuild()

    def rebuild(self) -> None:
        scene = self.scene()
        selected = {i.workflow_id for i in scene.selectedItems() if isinstance(i, WorkflowCard)}
        scene.clear()
        self._cards.clear()
        self._columns.clear()
        bp = self.document.blueprint
        ranked = rank(bp)
        stage_names = {s.id: s.name for s in bp.stages}
        by_column: dict[str | None, list[RankedWorkflow]] = {UNASSIGNED: []} | {s.id: [] for s in bp.stages}
        for r in ranked:  # already in queue order
            by_column[r.from_stage if r.from_stage in stage_names else UNASSIGNED].append(r)
        if not by_column[UNASSIGNED]:
            del by_column[UNASSIGNED]
        rows = min(ROWS_PER_STACK, max((len(v) for v in by_column.values()), default=1)) or 1
        height = HEADER_H + PAD + rows * (CARD_H + GAP) - GAP + PAD
        x, top = MARGIN, MARGIN + TITLE_H
        descriptions = {w.id: w.description for w in bp.workflows}
        for key, items in by_column.items():
            stacks = max(1, math.ceil(len(items) / rows))
            width = PAD * 2 + stacks * CARD_W + (stacks - 1) * GAP
            column = QRectF(x, top, width, height)
            self._columns[key] = column
            self._column_background(column, len(self._columns) - 1, key is UNASSIGNED,
                                    stage_names.get(key, tr("Unassigned")), len(items))
            for i, r in enumerate(items):
                card = WorkflowCard(r, stage_names.get(r.to_stage, r.to_stage or ""), descriptions.get(r.workflow_id, ""))
                card.setData(0, key)
                card.setPos(x + PAD + (i // rows) * (CARD_W + GAP), top + HEADER_H + PAD + (i % rows) * (CARD_H + GAP))
                card.setSelected(r.workflow_id in selected)
                scene.addItem(card)
                self._cards[r.workflow_id] = card
            x += width + GAP * 1.6
        right = max(x - GAP * 1.6, MARGIN + 560)
        self._title(bp.name, ranked, right)
        scene.setSceneRect(QRectF(0, 0, right + MARGIN, top + height + MARGIN))
        self._fit()

    def _title(self, name: str, ranked: list[RankedWorkflow], right: float) -> None:
        scene = self.scene()
        title = scene.addSimpleText(name, t.font(15.0, 700))
        title.setBrush(t.brush(t.TITLE_COLOUR))
        title.setPos(MARGIN, MARGIN - 4)
        c = summary(ranked)
        line = (tr("%1 workflows · %2 in the build queue (%3 new, %4 improve, %5 experiments) · %6 live")
                .replace("%1", str(c["workflows"])).replace("%2", str(c["queued"])).replace("%3", str(c["new"]))
                .replace("%4", str(c["improve"])).replace("%5", str(c["experiment"])).replace("%6", str(c["live"])))
        sub = scene.addSimpleText(line, t.font(9.4, 400))
        sub.setBrush(t.brush(t.SUMMARY_COLOUR))
        sub.setPos(MARGIN, MARGIN + 26)
        x = right
        for cat in reversed(CATEGORIES):  # the legend, right-aligned
            label = scene.addSimpleText(category_label(cat), t.font(8.6, 600))
            label.setBrush(t.brush(t.PORT_LABEL_COLOUR))
            x -= label.boundingRect().width()
            label.setPos(x, MARGIN + 2)
            x -= 16
            dot = scene.addEllipse(QRectF(x, MARGIN + 4, 11, 11), Qt.PenStyle.NoPen, t.brush(CATEGORY_COLOURS[cat]))
            dot.setToolTip(category_hint(cat))
            x -= 18

    def _column_background(self, rect: QRectF, index: int, unassigned: bool, name: str, count: int) -> None:
        scene = self.scene()
        fill = "#f0f1f4" if unassigned else t.LANE_FILLS[index % len(t.LANE_FILLS)]
        path = QPainterPath()
        path.addRoundedRect(rect, 12, 12)
        lane = scene.addPath(path, t.pen("#e1e4ec") if unassigned else Qt.PenStyle.NoPen, t.brush(fill))
        lane.setZValue(-10)
        header = scene.addSimpleText(name.upper(), t.font(*t.LANE_FONT))
        header.setBrush(t.brush(t.LANE_LABEL if not unassigned else t.SUMMARY_COLOUR))
        header.setPos(rect.left() + PAD + 2, rect.top() + 14)
        badge = scene.addSimpleText(str(count), t.font(9.0, 600))
        badge.setBrush(t.brush(t.LANE_LABEL))
        badge.setPos(rect.right() - PAD - badge.boundingRect().width() - 2, rect.top() + 16)

    def _render(self, painter: QPainter, target: QRectF, source: QRectF) -> None:
        selected = self.scene().selectedItems()
        self.scene().clearSelection()  # the picture shows the programme, not the user's selection
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.scene().render(painter, target, source)
        painter.end()
        for item in selected:
            item.setSelected(True)

    def _fit(self) -> None:
        rect = self.scene().sceneRect()
        if rect.isEmpty() or self.viewport().width() < 10:
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() > 1.15:  # never blow a small programme up past a comfortable size
            self.resetTransform()
            self.scale(1.15, 1.15)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def mouseDoubleClickEvent(self, event) -> None:
        item = self.itemAt(event.position().toPoint())
        while item is not None and not isinstance(item, WorkflowCard):
            item = item.parentItem()
        if isinstance(item, WorkflowCard):
            self.workflowActivated.emit(item.workflow_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)
