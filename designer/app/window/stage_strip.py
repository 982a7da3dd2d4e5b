"""The stage strip above the canvas: the blueprint's lifecycle stages as a row of
chevrons (stranger -> ... -> promoter), with the span the current workflow
moves contacts across highlighted. Right-click a stage to make it the
workflow's start or end stage (an undoable change)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPainterPath, QPolygonF
from PySide6.QtWidgets import QMenu, QSizePolicy, QWidget

from designer.blueprint import Blueprint, Workflow
from designer.canvas import theme

from .. import panel_style as ps


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


HEIGHT = 34
TIP = 10.0


class StageStrip(QWidget):
    stageFieldChosen = Signal(str, object)  # field ("from_stage"/"to_stage"), stage id or None

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFixedHeight(HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._stages: list[tuple[str, str]] = []
        self._span: tuple[int, int] | None = None
        self._from = self._to = None
        self.setMouseTracking(True)

    def show_workflow(self, blueprint: Blueprint | None, workflow: Workflow | None) -> None:
        self._stages = [(s.id, s.name) for s in blueprint.stages] if blueprint else []
        ids = [s for s, _ in self._stages]
        self._from = workflow.from_stage if workflow else None
        self._to = workflow.to_stage if workflow else None
        a = ids.index(self._from) if self._from in ids else None
        b = ids.index(self._to) if self._to in ids else None
        if a is None and b is None:
            self._span = None
        else:
            a = b if a is None else a
            b = a if b is None else b
            self._span = (min(a, b), max(a, b))
        if workflow and self._span:
            names = dict(self._stages)
            self.setToolTip(tr("'%s' moves contacts from %s to %s. Right-click a stage to change.")
                            % (workflow.name, names.get(self._from, "?"), names.get(self._to, "?")))
        else:
            self.setToolTip(tr("Right-click a stage to set where this workflow starts and ends."))
        self.update()

    def _cells(self) -> list[QRectF]:
        n = max(len(self._stages), 1)
        left, width = 12.0, self.width() - 24.0
        w = width / n
        return [QRectF(left + i * w, 5, w - 2, HEIGHT - 10) for i in range(len(self._stages))]

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), theme.colour(ps.SURFACE))
        painter.setPen(theme.pen(ps.BORDER))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        for i, (rect, (stage_id, name)) in enumerate(zip(self._cells(), self._stages)):
            inside = self._span is not None and self._span[0] <= i <= self._span[1]
            path = QPainterPath()
            first, last = i == 0, i == len(self._stages) - 1
            points = [
                QPointF(rect.left(), rect.top()),
                QPointF(rect.right() - (0 if last else TIP), rect.top()),
                QPointF(rect.right(), rect.center().y()),
                QPointF(rect.right() - (0 if last else TIP), rect.bottom()),
                QPointF(rect.left(), rect.bottom()),
                QPointF(rect.left() + (0 if first else TIP), rect.center().y()),
            ]
            path.addPolygon(QPolygonF(points))
            path.closeSubpath()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.fillPath(path, theme.colour(ps.ACCENT_SOFT if inside else ps.SUNKEN))
            font = ps.scaled_font(self, -0.5, 600 if inside else 500)
            painter.setFont(font)
            painter.setPen(theme.colour(ps.ACCENT if inside else ps.FAINT))
            label = name
            if stage_id == self._from and stage_id == self._to:
                label = f"● {name}"
            elif stage_id == self._from:
                label = f"{name}  ▸"
            elif stage_id == self._to:
                label = f"▸ {name}  ★"
            text_rect = rect.adjusted(TIP + 4, 0, -TIP - 2, 0)
            elided = painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, int(text_rect.width()))
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, elided)

    def stage_at(self, pos: QPointF) -> str | None:
        for rect, (stage_id, _) in zip(self._cells(), self._stages):
            if rect.contains(pos):
                return stage_id
        return None

    def contextMenuEvent(self, event) -> None:
        stage = self.stage_at(QPointF(event.pos()))
        if stage is None:
            return
        menu = QMenu(self)
        menu.addAction(tr("Workflow starts here"), lambda: self.stageFieldChosen.emit("from_stage", stage))
        menu.addAction(tr("Workflow ends here"), lambda: self.stageFieldChosen.emit("to_stage", stage))
        menu.addSeparator()
        menu.addAction(tr("Clear stages"), self._clear)
        menu.exec(event.globalPos())

    def _clear(self) -> None:
        self.stageFieldChosen.emit("from_stage", None)
        self.stageFieldChosen.emit("to_stage", None)
