"""The compare window: two versions of a blueprint, side by side or overlaid.

Both canvases are read-only views of snapshots (their own Documents); the
changes are :mod:`designer.diff`'s, listed in the words of ``journey diff``.
Choosing a change centres both canvases on its step.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from designer.blueprint import Blueprint
from designer.canvas.grid import draw_grid
from designer.canvas.scene import WorkflowScene
from designer.diff import describe, diff_data
from designer.diff.describe import Entry, focus_step, marks
from designer.document import Document
from designer.fileformat import to_data

from .. import panel_style as ps
from .marks import COLOURS, add_ghosts, mark_scene

ZOOM_STEP = 1.15
STATE_OF_OP = {"added": "added", "removed": "removed", "changed": "changed", "reordered": "changed"}


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


class ReadOnlyView(QGraphicsView):
    """A canvas that only looks: wheel zooms, dragging pans, nothing can be edited."""

    zoomed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setInteractive(False)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # drag to pan
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty_text = ""

    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, zoom: float) -> None:
        zoom = max(0.05, min(2.0, zoom))
        self.setTransform(self.transform().fromScale(zoom, zoom))
        self.zoomed.emit(zoom)

    def wheelEvent(self, event) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP ** (event.angleDelta().y() / 120.0))

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        draw_grid(painter, rect, self.zoom())

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        if not self.empty_text:
            return
        painter.save()
        painter.resetTransform()
        painter.setPen(QColor(ps.MUTED))
        painter.drawText(QRectF(self.viewport().rect()), Qt.AlignmentFlag.AlignCenter, self.empty_text)
        painter.restore()


class _Side(QWidget):
    """A caption over a read-only canvas."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(title, self)
        self.caption.setFont(ps.scaled_font(self.caption, 0, 600))
        self.caption.setStyleSheet(f"color: {ps.INK}; padding: 4px 8px;")
        self.view = ReadOnlyView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)


class CompareWindow(QWidget):
    """``before`` and ``after`` with their changes; ``labels`` name the two versions."""

    def __init__(self, before: Blueprint, after: Blueprint, labels: tuple[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(tr("Compare: {0} with {1}").format(labels[0], labels[1]))
        self.docs = (Document(before.model_copy(deep=True)), Document(after.model_copy(deep=True)))
        self.data = (to_data(before), to_data(after))
        self.entries: list[Entry] = describe(diff_data(*self.data), *self.data)
        self.scenes: list[WorkflowScene | None] = [None, None]
        self.workflow_id: str | None = None
        self._syncing = False
        self._build(labels)
        self._fill_workflows()
        for keys, slot in ((QKeySequence.StandardKey.Close, self.close), (QKeySequence(Qt.Key.Key_Escape), self.close),
                           (QKeySequence("F"), self.fit)):
            QShortcut(QKeySequence(keys), self, slot)
        self.resize(1280, 760)

    # --- building ----------------------------------------------------------------
    def _build(self, labels: tuple[str, str]) -> None:
        self.workflows = QComboBox(self)
        self.workflows.currentIndexChanged.connect(lambda _i: self.show_workflow(self.workflows.currentData()))
        self.side_by_side = QRadioButton(tr("Both versions"), self)
        self.overlay = QRadioButton(tr("Overlay"), self)
        self.side_by_side.setChecked(True)
        modes = QButtonGroup(self)
        modes.addButton(self.side_by_side)
        modes.addButton(self.overlay)
        self.overlay.toggled.connect(lambda _on: self.show_workflow(self.workflow_id))
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 8, 6)
        bar.addWidget(QLabel(tr("Workflow:"), self))
        bar.addWidget(self.workflows, 1)
        bar.addSpacing(16)
        for state, text in (("added", tr("Added")), ("removed", tr("Removed")), ("changed", tr("Changed"))):
            bar.addWidget(_swatch(state, self))
            bar.addWidget(QLabel(text, self))
            bar.addSpacing(8)
        bar.addSpacing(16)
        bar.addWidget(self.side_by_side)
        bar.addWidget(self.overlay)

        self._captions = (tr("Before: {0}").format(labels[0]), tr("After: {0}").format(labels[1]),
                          tr("{1}; steps removed since {0} are dashed").format(*labels))
        self.sides = (_Side(self._captions[0], self), _Side(self._captions[1], self))
        self.canvases = canvases = QSplitter(Qt.Orientation.Horizontal, self)
        canvases.setChildrenCollapsible(False)
        for side in self.sides:
            canvases.addWidget(side)
        self._link(*[s.view for s in self.sides])

        self.summary = QLabel(self)
        self.summary.setStyleSheet(f"color: {ps.MUTED}; padding: 4px 8px;")
        self.changes = QListWidget(self)
        self.changes.setWordWrap(True)
        self.changes.setAlternatingRowColors(True)
        self.changes.currentItemChanged.connect(lambda item, _old: self.reveal(item.data(Qt.ItemDataRole.UserRole)
                                                                             if item else None))
        panel = QWidget(self)
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.summary)
        box.addWidget(self.changes, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(canvases)
        split.addWidget(panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([900, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

    def _link(self, a: ReadOnlyView, b: ReadOnlyView) -> None:
        """Scroll and zoom the two canvases together: the same place, in both versions."""
        for src, dst in ((a, b), (b, a)):
            for bar in (src.horizontalScrollBar(), src.verticalScrollBar()):
                bar.valueChanged.connect(lambda _v, s=src, d=dst: self._sync(lambda: self._copy_view(s, d)))
            src.zoomed.connect(lambda _zoom, s=src, d=dst: self._sync(lambda: self._copy_view(s, d)))

    def _sync(self, action) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            action()
        finally:
            self._syncing = False

    @staticmethod
    def _copy_view(src: ReadOnlyView, dst: ReadOnlyView) -> None:
        """``dst`` shows what ``src`` shows, centre on centre (the two may differ in width)."""
        dst.setTransform(src.transform())
        dst.centerOn(src.mapToScene(src.viewport().rect().center()))

    def _fill_workflows(self) -> None:
        after = [w["id"] for w in self.data[1]["workflows"]]
        ids = after + [w["id"] for w in self.data[0]["workflows"] if w["id"] not in after]
        names = {w["id"]: w["name"] for side in self.data for w in side["workflows"]}
        self.workflows.blockSignals(True)
        for wf_id in ids:
            count = sum(e.workflow == wf_id for e in self.entries)
            self.workflows.addItem(f"{names[wf_id]} ({count} change{'s' * (count != 1)})" if count
                                   else names[wf_id], wf_id)
        self.workflows.blockSignals(False)
        first = next((i for i, wf_id in enumerate(ids) if any(e.workflow == wf_id for e in self.entries)), 0)
        self.workflows.setCurrentIndex(first)
        self.show_workflow(self.workflows.currentData())

    # --- showing -----------------------------------------------------------------
    def show_workflow(self, workflow_id: str | None) -> None:
        self.workflow_id = workflow_id
        overlay = self.overlay.isChecked()
        self.sides[0].setVisible(not overlay)
        self.sides[1].caption.setText(self._captions[2] if overlay else self._captions[1])
        found = marks(self.entries, workflow_id or "")
        for i, (doc, side) in enumerate(zip(self.docs, self.sides, strict=True)):
            old = self.scenes[i]
            exists = workflow_id is not None and doc.blueprint.workflow(workflow_id) is not None
            scene = WorkflowScene(doc, workflow_id, self) if exists else None
            if scene is not None:
                steps = found.before if i == 0 else found.after
                if self.docs[1 - i].blueprint.workflow(workflow_id) is None:  # a whole workflow added or removed
                    steps = dict.fromkeys(scene.nodes, "removed" if i == 0 else "added")
                mark_scene(scene, steps, found.wires_before if i == 0 else found.wires_after)
                if i == 1 and overlay:
                    removed = [n for n in self._nodes(0) if found.before.get(n.id) == "removed"]
                    add_ghosts(scene, removed)
            side.view.setScene(scene)
            side.view.empty_text = "" if exists else (tr("The workflow is not in this version") if workflow_id
                                                      else tr("No workflows"))
            self.scenes[i] = scene
            if old is not None:
                old.deleteLater()
        self._fill_changes()
        self.fit()

    def _nodes(self, side: int) -> list:
        wf = self.docs[side].blueprint.workflow(self.workflow_id or "")
        return list(wf.nodes) if wf else []

    def _fill_changes(self) -> None:
        self.changes.clear()
        shown = [e for e in self.entries if e.workflow in (None, self.workflow_id)]
        total = len(self.entries)
        self.summary.setText(tr("{0} changes in all; {1} here").format(total, len(shown)) if total
                             else tr("No differences"))
        for entry in shown:
            item = QListWidgetItem(_swatch_icon(STATE_OF_OP[entry.change.op]), entry.text[2:])
            item.setData(Qt.ItemDataRole.UserRole, entry)
            item.setToolTip(entry.text)
            self.changes.addItem(item)

    def fit(self) -> None:
        """Both canvases show everything either version has, at one zoom."""
        rect = QRectF()
        for scene in self.scenes:
            if scene is not None:
                rect = rect.united(scene.content_rect())
        if rect.isEmpty():
            return
        rect = rect.adjusted(-40, -40, 40, 40)
        # Journeys run left to right: a wide one compares better one above the other
        wide = rect.width() > rect.height() * 1.5
        self.canvases.setOrientation(Qt.Orientation.Vertical if wide else Qt.Orientation.Horizontal)
        self.canvases.setSizes([1, 1])
        view = self.sides[1].view
        viewport = view.viewport().rect()
        zoom = min(1.0, viewport.width() / rect.width(), viewport.height() / rect.height())
        view.set_zoom(zoom)
        view.centerOn(rect.center())
        self._copy_view(view, self.sides[0].view)

    def reveal(self, entry: Entry | None) -> None:
        """Centre both canvases on the entry's step (where either version has it)."""
        node_id = focus_step(entry) if entry is not None else None
        for scene in self.scenes:
            if scene is not None:
                scene.clearSelection()
        if node_id is None:
            return
        for i in (1, 0):
            scene = self.scenes[i]
            if scene is not None and node_id in scene.nodes:
                item = scene.nodes[node_id]
                view = self.sides[i].view if self.sides[i].isVisible() else self.sides[1].view
                view.centerOn(item.sceneBoundingRect().center())
                item.setSelected(True)
                break

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fit()


def _swatch_icon(state: str):
    from PySide6.QtGui import QIcon

    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(COLOURS[state]))
    return QIcon(pixmap)


def _swatch(state: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setFixedSize(12, 12)
    label.setStyleSheet(f"background: {COLOURS[state]}; border-radius: 3px;")
    return label
