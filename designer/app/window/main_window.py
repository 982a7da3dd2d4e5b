"""The main window: tabs of workflows over the canvas, with the palette,
inspector and problems panels around it, menus, and a status bar; the Build
queue and the Blueprint overview are the other central pages.

The window composes the parts and routes between them; the work lives in
them: canvas (designer.canvas), menus (actions.py), files (files.py),
autosave (autosave.py), tabs (workflow_tabs.py), panels (panels.py),
export (export.py), live validation (live_validation.py), the central pages
with the build queue and overview (pages.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from designer.blueprint import Blueprint
from designer.canvas.bridge import DocumentBridge
from designer.canvas.editor import Editor
from designer.canvas.minimap import Minimap
from designer.canvas.scenes import SceneSet
from designer.canvas.view import CanvasView
from designer.document import Change, Document
from designer.examples import example_blueprint

from ..files import export
from ..files.controller import FileController
from ..run.controller import RunFeature
from .actions import build_menus, build_toolbar, create_actions
from .context_menu import show_canvas_menu
from .dialogs import show_about, show_shortcuts
from .docks import Panels
from .live_validation import LiveValidation
from .pages import Pages
from .stage_strip import StageStrip
from .status import StatusBar
from .workflow_tabs import WorkflowTabs

APP_NAME = "Journey Designer"
_windows: list[MainWindow] = []  # open windows (New Window), kept alive here


def open_windows() -> list[MainWindow]:
    return list(_windows)


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


class MainWindow(QMainWindow):
    def __init__(self, blueprint: Blueprint | None = None, path: str | Path | None = None,
                 untitled_name: str | None = None, recovery_dir: Path | None = None,
                 autosave_ms: int | None = None) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.document = Document(blueprint or example_blueprint(), path)
        self.bridge = DocumentBridge(self.document, self)
        self.editor = Editor(self.document, self)  # the one owner of the undo stack
        self.stack = self.editor.stack  # read-only use: undo/redo actions, clean state
        self.scenes = SceneSet(self.document, self)
        self.validation = LiveValidation(self.document, self)
        self._build_central()
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.files = FileController(self, self.document, self.stack, recovery_dir, autosave_ms)
        if untitled_name:
            self.files.untitled_name = untitled_name
        self.panels = Panels(self)
        self.actions = create_actions(self)
        build_menus(self, self.actions)
        build_toolbar(self, self.actions)
        self.pages.connect_actions(self.actions)
        for action in self.panels.toggle_actions():
            self.panels_menu.addAction(action)
        self._connect()
        self.run = RunFeature(self)  # the Run and Results docks (designer/app/run)
        self._refresh_recent()
        self.resize(1440, 900)
        self.tabs.rebuild()
        self.validation.refresh()  # a large blueprint is checked on a worker
        self._update_title()
        _windows.append(self)

    # --- building -------------------------------------------------------------------------
    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.tabs = WorkflowTabs(self.editor, central)
        self.stage_strip = StageStrip(central)
        self.view = CanvasView(self.editor, central)
        self.minimap = Minimap(self.view)
        layout.addWidget(self.tabs)
        layout.addWidget(self.stage_strip)
        layout.addWidget(self.view, 1)
        self.pages = Pages(self, central)  # the canvas, the build queue, the overview

    def _connect(self) -> None:
        self.bridge.changed.connect(self._on_change)
        self.scenes.sceneCreated.connect(self._scene_created)
        self.scenes.sceneDropped.connect(self._scene_dropped)
        self.tabs.currentChanged.connect(self._show_workflow)
        self.validation.problemsChanged.connect(self._problems_changed)
        self.validation.checkingChanged.connect(self.status.set_checking)
        self.editor.refused.connect(self.status.show_message)
        self.editor.nodesAdded.connect(self._select_added)
        self.view.message.connect(self.status.show_message)
        self.view.zoomChanged.connect(self.status.set_zoom)
        self.view.viewChanged.connect(self._place_minimap)
        self.view.contextMenuAt.connect(self._context_menu)
        self.status.zoomClicked.connect(self.view.reset_zoom)
        self.status.problemsClicked.connect(self._toggle_problems)
        self.stage_strip.stageFieldChosen.connect(self._set_stage_field)
        self.stack.indexChanged.connect(self._update_title)
        self.files.modifiedChanged.connect(self._update_title)
        self.files.recentChanged.connect(self._refresh_recent)
        self.files.opened.connect(self._opened)

    # --- following the document ----------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        self.scenes.apply(change)
        if change.what in ("blueprint", "workflows", "workflow"):
            self.tabs.rebuild()
            self._refresh_stage_strip()
        if change.what != "nodes-moved":
            self.panels.refresh_inspector()
        self.validation.schedule()
        self._update_title()

    def _scene_created(self, scene) -> None:
        scene.selectionChanged.connect(self._selection_changed)
        scene.nodeDoubleClicked.connect(self._node_double_clicked)
        scene.noteEdited.connect(self._note_edited)

    def _selection_changed(self) -> None:
        self.panels.refresh_inspector()

    def _node_double_clicked(self, _node_id: str) -> None:
        self.panels.focus_title()

    def _note_edited(self, note_id: str, fields: dict) -> None:
        scene = self.sender()
        if scene is not None:
            self.editor.edit_note(scene.workflow_id, note_id, fields)

    def _context_menu(self, pos, scene_pos) -> None:
        show_canvas_menu(self, pos, scene_pos)

    def _scene_dropped(self, workflow_id: str) -> None:
        scene = self.view.scene()
        if scene is not None and scene.workflow_id == workflow_id:
            self.view.set_workflow_scene(None)

    def _show_workflow(self, workflow_id: str) -> None:
        scene = self.scenes.get(workflow_id) if workflow_id else None
        self.view.set_workflow_scene(scene)
        self._refresh_stage_strip()
        self.panels.refresh_inspector()
        self.status.set_zoom(self.view.zoom())
        self.minimap.render_scene()

    def _refresh_stage_strip(self) -> None:
        wf = self.current_workflow()
        self.stage_strip.show_workflow(self.document.blueprint, wf)

    def _problems_changed(self, problems) -> None:
        self.scenes.set_problems(problems)
        self.panels.set_problems(problems)
        self.status.set_problems(problems)

    def _opened(self) -> None:
        self.pages.set_document(self.document)
        self.tabs.rebuild()
        self.validation.refresh()
        self.view.fit_all()

    def _update_title(self, *_args) -> None:
        name = self.document.blueprint.name
        file = self.files.display_name()
        title = f"{name} — {file}" if file != name else name
        self.setWindowTitle(f"{title}[*] — {APP_NAME}")
        self.setWindowModified(self.files.is_modified())

    def _refresh_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = self.files.recent_files()
        for i, path in enumerate(recent):
            action = QAction(f"&{i + 1} {Path(path).name}", menu)
            action.setToolTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.files.open_path(p))
            menu.addAction(action)
        if recent:
            menu.addSeparator()
            menu.addAction(tr("Clear Recent Files"), self.files.clear_recent)
        menu.setEnabled(bool(recent))

    def _place_minimap(self) -> None:
        margin = 14
        self.minimap.move(self.view.width() - self.minimap.width() - margin,
                          self.view.height() - self.minimap.height() - margin)

    # --- what is shown --------------------------------------------------------------------------
    def current_scene(self):
        return self.view.scene()

    def current_workflow_id(self) -> str:
        scene = self.view.scene()
        return scene.workflow_id if scene is not None else ""

    def current_workflow(self):
        wf_id = self.current_workflow_id()
        return self.document.blueprint.workflow(wf_id) if wf_id else None

    def _selection(self) -> tuple[str, list[str], list[str], list]:
        scene = self.view.scene()
        if scene is None:
            return "", [], [], []
        return scene.workflow_id, scene.selected_node_ids(), scene.selected_note_ids(), scene.selected_edge_keys()

    def _select_added(self, workflow_id: str, ids: list) -> None:
        scene = self.scenes.get(workflow_id)
        if scene is not None:
            scene.select_only([i for i in ids if i in scene.nodes], [i for i in ids if i in scene.notes])
        if scene is self.view.scene():
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- edit actions ----------------------------------------------------------------------------
    def cut(self) -> None:
        wf, nodes, notes, _ = self._selection()
        if wf and (nodes or notes):
            self.editor.cut(wf, nodes, notes)

    def copy(self) -> None:
        wf, nodes, notes, _ = self._selection()
        if wf and (nodes or notes):
            self.editor.copy(wf, nodes, notes)
            self.status.show_message(tr("Copied %d item(s)") % (len(nodes) + len(notes)), 2500)

    def paste(self) -> None:
        wf = self.current_workflow_id()
        if wf:
            self.editor.paste(wf, self._cursor_scene_pos())

    def duplicate(self) -> None:
        wf, nodes, notes, _ = self._selection()
        if wf and (nodes or notes):
            self.editor.duplicate(wf, nodes, notes)

    def delete_selection(self) -> None:
        wf, nodes, notes, edges = self._selection()
        if wf:
            self.editor.delete(wf, nodes, notes, edges)

    def select_all(self) -> None:
        if self.view.scene() is not None:
            self.view.scene().select_all()

    def rename_selected(self) -> None:
        _wf, nodes, _, _ = self._selection()
        if len(nodes) == 1:
            self.panels.focus_title()

    def add_note(self, scene_pos=None) -> None:
        wf = self.current_workflow_id()
        if wf:
            pos = scene_pos or self._cursor_scene_pos() or self.view.visible_scene_rect().center()
            note_id = self.editor.add_note(wf, pos.x(), pos.y())
            scene = self.view.scene()
            scene.select_only(note_ids=[note_id])
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            scene.notes[note_id].start_editing()  # type the comment straight away

    def add_kind_at_centre(self, kind_id: str) -> None:
        wf = self.current_workflow_id()
        if wf:
            centre = self.view.visible_scene_rect().center()
            self.editor.add_node(wf, kind_id, centre.x() - 116, centre.y() - 30)

    def auto_layout(self) -> None:
        scene = self.view.scene()
        if scene is None:
            return
        heights = {node_id: item.card_rect().height() for node_id, item in scene.nodes.items()}
        selected = scene.selected_node_ids()
        self.editor.layout(scene.workflow_id, heights, selected if len(selected) > 1 else None)
        self.view.fit_all()

    def _cursor_scene_pos(self):
        local = self.view.viewport().mapFromGlobal(QCursor.pos())
        if self.view.viewport().rect().contains(local):
            return self.view.mapToScene(local)
        return None

    def set_snap(self, on: bool) -> None:
        self.scenes.set_snap(on)

    def set_minimap_visible(self, on: bool) -> None:
        self.minimap.set_wanted(on)

    def step_tab(self, step: int) -> None:
        ids = self.tabs.ids()
        if ids:
            current = ids.index(self.current_workflow_id()) if self.current_workflow_id() in ids else 0
            self.tabs.set_current(ids[(current + step) % len(ids)])

    def _set_stage_field(self, field: str, stage) -> None:
        wf = self.current_workflow()
        if wf is not None:
            self.editor.set_workflow_field(wf.id, field, stage)

    def _toggle_problems(self) -> None:
        dock = self.panels.problems_dock
        dock.setVisible(not dock.isVisible() or dock.visibleRegion().isEmpty())
        dock.raise_()

    def reveal_problem(self, workflow_id: str, node_ids: list) -> None:
        """Double-clicked problem: show its workflow, select and centre its steps."""
        if not workflow_id or self.document.blueprint.workflow(workflow_id) is None:
            return
        self.tabs.set_current(workflow_id)
        scene = self.scenes.get(workflow_id)
        scene.select_only(node_ids)
        if node_ids:
            self.view.centre_on_items(list(node_ids))
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- files, windows, export --------------------------------------------------------------------
    def export(self, what: str) -> str | None:
        scene, wf = self.view.scene(), self.current_workflow()
        if what != "json" and (scene is None or wf is None):
            return None
        base = (wf.name if wf is not None and what != "json" else self.document.blueprint.name) or "export"
        suffix = {"png": ".png", "svg": ".svg"}.get(what, ".json")
        filters = {"png": tr("PNG image (*.png)"), "svg": tr("SVG image (*.svg)")}.get(what, tr("JSON (*.json)"))
        start = str((self.document.path.parent if self.document.path else Path.home()) / f"{base}{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, tr("Export"), start, filters)
        if not path:
            return None
        try:
            if what == "png":
                export.export_png(scene, path)
            elif what == "svg":
                export.export_svg(scene, path, wf.name)
            else:
                export.export_json(self.document, path, wf.id if what == "workflow-json" else None)
        except OSError as err:
            QMessageBox.critical(self, tr("Export failed"), tr("Could not write “%s”.") % path + f"\n\n{err}")
            return None
        self.status.show_message(tr("Exported to %s") % path)
        return path

    def open_new_window(self) -> MainWindow:
        from ..files.controller import new_blueprint

        window = MainWindow(new_blueprint(), recovery_dir=self.files.recovery_directory)
        window.move(self.pos() + QPoint(40, 40))
        window.show()
        return window

    def quit_all(self) -> None:
        for window in _windows:
            if not window.close():
                return
        QApplication.quit()

    def closeEvent(self, event) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.files.closing()
        self.bridge.close()
        if self in _windows:
            _windows.remove(self)
        event.accept()

    def show_shortcuts(self) -> None:
        show_shortcuts(self, self.actions)

    def show_about(self) -> None:
        show_about(self)
