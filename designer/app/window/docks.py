"""The side panels as docks: palette (left), inspector (right), problems (bottom),
and the glue between them and the canvas.

Panels only emit what the user asked for; here their requests become editor
calls and undo commands, and the window's state (selection, problems) is
handed back to them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QWidget

from designer.canvas.node_item import NodeItem

if TYPE_CHECKING:
    from .main_window import MainWindow


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def _placeholder(text: str) -> QWidget:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setStyleSheet("color: #9aa1b2; padding: 20px;")
    return label


class Panels:
    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.palette = self._make_palette()
        self.inspector = self._make_inspector()
        self.problems = self._make_problems()
        self.palette_dock = self._dock("palette", tr("Steps"), self.palette, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.inspector_dock = self._dock("inspector", tr("Inspector"), self.inspector,
                                         Qt.DockWidgetArea.RightDockWidgetArea)
        self.problems_dock = self._dock("problems", tr("Problems"), self.problems,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        window.resizeDocks([self.palette_dock, self.inspector_dock], [236, 320], Qt.Orientation.Horizontal)
        window.resizeDocks([self.problems_dock], [120], Qt.Orientation.Vertical)
        self._inspector_busy = False

    def _dock(self, name: str, title: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self.w)
        dock.setObjectName(f"{name}Dock")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.w.addDockWidget(area, dock)
        return dock

    # --- palette -----------------------------------------------------------------------
    def _make_palette(self) -> QWidget:
        try:
            from ..panels.palette import PaletteWidget
        except ImportError:
            return _placeholder(tr("The palette is not available."))
        palette = PaletteWidget()
        palette.kindActivated.connect(self.w.add_kind_at_centre)
        return palette

    # --- problems ----------------------------------------------------------------------
    def _make_problems(self) -> QWidget:
        try:
            from ..panels.problems import ProblemsPanel
        except ImportError:
            self._problems_ready = False
            return _placeholder(tr("Problems appear here."))
        self._problems_ready = True
        panel = ProblemsPanel()
        panel.problemActivated.connect(self.w.reveal_problem)
        return panel

    def set_problems(self, problems) -> None:
        if self._problems_ready:
            self.problems.set_problems(self.w.document.blueprint, problems)
        if self._inspector_ready:
            self.inspector.set_problems(problems)

    # --- inspector ---------------------------------------------------------------------
    def _make_inspector(self) -> QWidget:
        try:
            from ..inspector.panel import InspectorWidget
        except ImportError:
            self._inspector_ready = False
            return _placeholder(tr("Select a step to edit it."))
        self._inspector_ready = True
        inspector = InspectorWidget()
        inspector.settingsEdited.connect(self._settings_edited)
        inspector.titleEdited.connect(self._title_edited)
        inspector.workflowFieldEdited.connect(self._workflow_field_edited)
        inspector.behaviourEdited.connect(self._behaviour_edited)
        return inspector

    def _settings_edited(self, workflow_id: str, node_id: str, settings: dict) -> None:
        self.w.editor.set_node_settings(workflow_id, node_id, settings)

    def _title_edited(self, workflow_id: str, node_id: str, title: str) -> None:
        self.w.editor.rename_node(workflow_id, node_id, title)

    def _behaviour_edited(self, workflow_id: str, node_id: str, behaviour: object) -> None:
        self.w.editor.set_node_behaviour(workflow_id, node_id, behaviour)

    def _workflow_field_edited(self, workflow_id: str, name: str, value: object) -> None:
        self.w.editor.set_workflow_field(workflow_id, name, value)

    def refresh_inspector(self) -> None:
        """Show what is selected: one step, or the workflow when nothing is (several: nothing)."""
        if not self._inspector_ready:
            return
        scene, doc = self.w.view.scene(), self.w.document
        if scene is None or doc.blueprint.workflow(scene.workflow_id) is None:
            self.inspector.show_nothing()
            return
        selected = [i for i in scene.selectedItems() if isinstance(i, NodeItem)]
        others = len(scene.selectedItems()) - len(selected)
        wf = doc.workflow(scene.workflow_id)
        if len(selected) == 1 and not others:
            node = wf.node(selected[0].node_id)
            if node is not None:
                self.inspector.show_node(wf.id, node, doc.blueprint)
                return
        if not selected and not others:
            self.inspector.show_workflow(wf, doc.blueprint)
        else:
            self.inspector.show_nothing()

    def focus_title(self) -> None:
        if not self._inspector_ready:
            return
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        edit = self.inspector.title_edit()
        if edit is not None:
            edit.setFocus(Qt.FocusReason.OtherFocusReason)
            edit.selectAll()

    def toggle_actions(self):
        return [d.toggleViewAction() for d in (self.palette_dock, self.inspector_dock, self.problems_dock)]
