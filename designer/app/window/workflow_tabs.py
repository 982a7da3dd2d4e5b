"""Workflows in tabs: one tab per workflow of the blueprint; add, rename,
duplicate, delete and reorder them, each an undoable command.

The tab bar shows the model: it is rebuilt from the document's workflow list
after a change, and a tab dragged to a new place becomes a MoveWorkflow
command (the document then agrees with the bar, so nothing jumps).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QMenu, QMessageBox, QTabBar, QToolButton, QWidget

from designer.blueprint import Workflow, next_id
from designer.canvas.editor import Editor


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


class WorkflowTabs(QWidget):
    currentChanged = Signal(str)  # workflow id ("" when there is none)

    def __init__(self, editor: Editor, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("WorkflowTabs")
        self.editor, self.document = editor, editor.document
        self.bar = QTabBar(self)
        self.bar.setMovable(True)
        self.bar.setExpanding(False)
        self.bar.setDocumentMode(True)
        self.bar.setUsesScrollButtons(True)
        self.bar.setDrawBase(False)
        self.add_button = QToolButton(self)
        self.add_button.setText("+")
        self.add_button.setToolTip(tr("New workflow (Ctrl+T)"))
        self.add_button.clicked.connect(self.add)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.setSpacing(4)
        layout.addWidget(self.bar)
        layout.addWidget(self.add_button)
        layout.addStretch(1)
        self.setAutoFillBackground(True)
        self._rebuilding = False
        self.bar.currentChanged.connect(self._current_changed)
        self.bar.tabMoved.connect(self._moved)
        self.bar.tabBarDoubleClicked.connect(lambda i: self.rename(self._id_at(i)))
        self.bar.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.bar.customContextMenuRequested.connect(self._menu)
        self.rebuild()

    # --- model -> tabs --------------------------------------------------------------------
    def _id_at(self, index: int) -> str:
        return self.bar.tabData(index) if 0 <= index < self.bar.count() else ""

    def ids(self) -> list[str]:
        return [self.bar.tabData(i) for i in range(self.bar.count())]

    def current_id(self) -> str:
        return self._id_at(self.bar.currentIndex())

    def set_current(self, workflow_id: str) -> None:
        if workflow_id in self.ids():
            self.bar.setCurrentIndex(self.ids().index(workflow_id))

    def rebuild(self, select: str | None = None) -> None:
        workflows = self.document.blueprint.workflows
        current = select or self.current_id()
        self._rebuilding = True
        try:
            if self.ids() != [w.id for w in workflows]:
                while self.bar.count():
                    self.bar.removeTab(0)
                for wf in workflows:
                    index = self.bar.addTab(wf.name)
                    self.bar.setTabData(index, wf.id)
            for i, wf in enumerate(workflows):
                self.bar.setTabText(i, wf.name)
                self.bar.setTabToolTip(i, wf.description or wf.name)
        finally:
            self._rebuilding = False
        ids = self.ids()
        if current in ids:
            self.bar.setCurrentIndex(ids.index(current))
        self.currentChanged.emit(self.current_id())

    def _current_changed(self, _index: int) -> None:
        if not self._rebuilding:
            self.currentChanged.emit(self.current_id())

    def _moved(self, _from: int, to: int) -> None:
        if self._rebuilding:
            return
        wf_id = self._id_at(to)
        # After the bar has finished its own move: the document then matches the bar.
        QTimer.singleShot(0, self, lambda: self._push_move(wf_id, to))

    def _push_move(self, workflow_id: str, index: int) -> None:
        ids = [w.id for w in self.document.blueprint.workflows]
        if workflow_id in ids and ids.index(workflow_id) != index:
            self.editor.move_workflow(workflow_id, index)

    # --- operations --------------------------------------------------------------------------
    def add(self) -> str:
        ids = [w.id for w in self.document.blueprint.workflows]
        wf_id = next_id(ids, "wf")
        name = tr("New journey %d") % (len(ids) + 1)
        self.editor.add_workflow(Workflow(id=wf_id, name=name))
        self.rebuild(select=wf_id)
        return wf_id

    def rename(self, workflow_id: str = "") -> None:
        workflow_id = workflow_id or self.current_id()
        if not workflow_id:
            return
        wf = self.document.workflow(workflow_id)
        name, ok = QInputDialog.getText(self, tr("Rename workflow"), tr("Name:"), text=wf.name)
        name = name.strip()
        if ok and name and name != wf.name:
            self.editor.set_workflow_field(workflow_id, "name", name[:200])

    def duplicate(self, workflow_id: str = "") -> str:
        workflow_id = workflow_id or self.current_id()
        if not workflow_id:
            return ""
        wf = self.document.workflow(workflow_id)
        workflows = self.document.blueprint.workflows
        new_id = next_id([w.id for w in workflows], "wf")
        copy = wf.model_copy(deep=True, update={"id": new_id, "name": (tr("%s (copy)") % wf.name)[:200]})
        index = workflows.index(wf) + 1
        self.editor.add_workflow(copy, index, tr("Duplicate workflow"))
        self.rebuild(select=new_id)
        return new_id

    def delete(self, workflow_id: str = "", confirm: bool = True) -> bool:
        workflow_id = workflow_id or self.current_id()
        if not workflow_id or len(self.document.blueprint.workflows) <= 1:
            return False
        wf = self.document.workflow(workflow_id)
        if confirm and wf.nodes:
            answer = QMessageBox.question(
                self, tr("Delete workflow"),
                tr("Delete “%s” and its %d steps? You can undo this.") % (wf.name, len(wf.nodes)))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.editor.remove_workflow(workflow_id)
        return True

    def move(self, step: int) -> None:
        workflow_id = self.current_id()
        ids = [w.id for w in self.document.blueprint.workflows]
        if not workflow_id:
            return
        index = ids.index(workflow_id) + step
        if 0 <= index < len(ids):
            self.editor.move_workflow(workflow_id, index)

    def _menu(self, pos) -> None:
        index = self.bar.tabAt(pos)
        if index < 0:
            return
        wf_id = self._id_at(index)
        menu = QMenu(self)
        menu.addAction(tr("Rename…"), lambda: self.rename(wf_id))
        menu.addAction(tr("Duplicate"), lambda: self.duplicate(wf_id))
        delete = menu.addAction(tr("Delete"), lambda: self.delete(wf_id))
        delete.setEnabled(len(self.document.blueprint.workflows) > 1)
        menu.exec(self.bar.mapToGlobal(pos))
