"""The window's central pages: the workflow canvas, the Build queue and the Blueprint overview.

Pages rather than docks: the queue is a wide table (thirteen columns and the
reason) and the overview is meant to show the whole programme on one screen,
so each takes the whole centre of the window. While one of them is shown, the
canvas's panels (steps, inspector, problems) step aside and come back with the
canvas, and the canvas-only actions (zoom, add step ...) are disabled.

View > Workflow Canvas / Build Queue / Blueprint Overview (or the switch at the
right of the tool bar) change page; the queue's and overview's shortcut, pressed
again, goes back to the canvas. Double-clicking a workflow in either opens its
canvas tab. Both widgets follow the document (``set_document`` after New, Open,
Revert and restoring an autosave), and the queue's edits go on the window's
undo stack, so Edit > Undo names them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, Signal
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStackedWidget, QWidget

if TYPE_CHECKING:
    from ..build_queue.overview import BlueprintOverview
    from ..build_queue.view import BuildQueueView
    from .actions import Actions
    from .main_window import MainWindow

CANVAS, QUEUE, OVERVIEW = "canvas", "queue", "overview"
PAGES = (CANVAS, QUEUE, OVERVIEW)
CANVAS_ONLY = ("add_step", "add_note", "auto_layout", "zoom_in", "zoom_out", "zoom_reset", "fit", "minimap")


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


class _PageStack(QStackedWidget):
    """Sized by the page shown, not by the widest page (the queue's tool bar must not widen the canvas)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _i: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()


class Pages(QObject):
    pageChanged = Signal(str)

    def __init__(self, window: MainWindow, canvas: QWidget) -> None:
        super().__init__(window)
        self.w = window
        self.stack = _PageStack(window)
        self.stack.setObjectName("pages")
        # The queue and the overview are built when first shown: the window's first paint needs the canvas only.
        self._widgets: dict[str, QWidget] = {CANVAS: canvas}
        self.stack.addWidget(canvas)
        self._hidden_docks: list = []  # the panels that stepped aside, shown again with the canvas
        self._actions: dict = {}
        window.setCentralWidget(self.stack)

    @property
    def queue(self) -> BuildQueueView:
        if QUEUE not in self._widgets:
            from ..build_queue.view import BuildQueueView

            queue = BuildQueueView(self.w.document, self.w.editor)
            queue.setObjectName("buildQueuePage")
            queue.workflowActivated.connect(self.open_workflow)
            self._add_page(QUEUE, queue)
        return self._widgets[QUEUE]

    @property
    def overview(self) -> BlueprintOverview:
        if OVERVIEW not in self._widgets:
            from ..build_queue.overview import BlueprintOverview

            overview = BlueprintOverview(self.w.document)
            overview.setObjectName("overviewPage")
            overview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)  # title at the top
            overview.workflowActivated.connect(self.open_workflow)
            self._add_page(OVERVIEW, overview)
        return self._widgets[OVERVIEW]

    def _add_page(self, name: str, widget: QWidget) -> None:
        self._widgets[name] = widget
        self.stack.addWidget(widget)

    def connect_actions(self, actions: Actions) -> None:
        self._actions = actions.all
        group = QActionGroup(self)
        group.setExclusive(True)
        for name in PAGES:
            action = actions.all[f"show_{name}"]
            group.addAction(action)
            action.setChecked(name == self.current())

    # --- which page --------------------------------------------------------------------
    def current(self) -> str:
        widget = self.stack.currentWidget()
        return next(name for name, w in self._widgets.items() if w is widget)

    def widget(self, name: str) -> QWidget:
        return getattr(self, name) if name != CANVAS else self._widgets[CANVAS]

    def toggle(self, name: str) -> None:
        """Show ``name``; when it is already shown, go back to the canvas."""
        self.show(CANVAS if name == self.current() else name)

    def show(self, name: str) -> None:
        previous = self.current()
        if name != previous:
            if previous == CANVAS:
                self._panels_aside()
            self.stack.setCurrentWidget(self.widget(name))
            if name == CANVAS:
                self._panels_back()
        for action_name in CANVAS_ONLY:
            if action_name in self._actions:
                self._actions[action_name].setEnabled(name == CANVAS)
        self.w.status.zoom.setVisible(name == CANVAS)
        if f"show_{name}" in self._actions:
            self._actions[f"show_{name}"].setChecked(True)
        self._focus(name)
        if name != previous:
            self.pageChanged.emit(name)

    def _focus(self, name: str) -> None:
        reason = Qt.FocusReason.OtherFocusReason
        if name == QUEUE:
            wf_id = self.w.current_workflow_id()
            if wf_id:
                self.queue.select_workflow(wf_id)  # where you were on the canvas
            self.queue.table.setFocus(reason)
        elif name == OVERVIEW:
            self.overview.setFocus(reason)
        else:
            self.w.view.setFocus(reason)

    def _docks(self) -> list:
        panels = getattr(self.w, "panels", None)
        return [panels.palette_dock, panels.inspector_dock, panels.problems_dock] if panels else []

    def _panels_aside(self) -> None:
        self._hidden_docks = [d for d in self._docks() if not d.isHidden() and not d.isFloating()]
        for dock in self._hidden_docks:
            dock.hide()

    def _panels_back(self) -> None:
        for dock in self._hidden_docks:
            dock.show()
        self._hidden_docks = []

    # --- following the window ----------------------------------------------------------
    def open_workflow(self, workflow_id: str) -> None:
        """Double-clicked in the queue or the overview: that workflow's canvas tab."""
        if not workflow_id or self.w.document.blueprint.workflow(workflow_id) is None:
            return
        self.show(CANVAS)
        self.w.tabs.set_current(workflow_id)
        self.w.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_document(self, document) -> None:
        """A different blueprint is shown (New, Open, Revert, restored autosave)."""
        for name in (QUEUE, OVERVIEW):  # a page not built yet reads the document when it is
            if name in self._widgets:
                self._widgets[name].set_document(document)

    # --- export ------------------------------------------------------------------------
    def export_overview(self, what: str) -> str | None:
        """File > Export > Blueprint Overview as PNG/SVG: ask where, write, report."""
        doc = self.w.document
        suffix = ".svg" if what == "svg" else ".png"
        folder = doc.path.parent if doc.path else Path.home()
        start = str(folder / f"{doc.blueprint.name or tr('Blueprint')} – {tr('overview')}{suffix}")
        filters = tr("SVG image (*.svg)") if what == "svg" else tr("PNG image (*.png)")
        path, _ = QFileDialog.getSaveFileName(self.w, tr("Export blueprint overview"), start, filters)
        if not path:
            return None
        if not Path(path).suffix:
            path += suffix
        try:
            if what == "svg":
                self.overview.export_svg(path)
            else:
                self.overview.export_png(path)
        except OSError as err:
            QMessageBox.critical(self.w, tr("Export failed"), tr("Could not write “%1”.").replace("%1", path)
                                 + f"\n\n{err}")
            return None
        self.w.status.show_message(tr("Exported the blueprint overview to %1").replace("%1", path))
        return path
