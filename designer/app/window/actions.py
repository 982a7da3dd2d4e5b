"""The window's actions and menus, with their keyboard shortcuts shown in the menus.

Actions that act on the canvas selection (copy, delete, Tab, F ...) are
active while the canvas has the focus, so typing in the inspector never
deletes a node or fits the view. Undo/redo come from the undo stack and
name the action ("Undo Move 3 nodes").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..compare import install as install_compare
from .language_menu import install_menu as install_language_menu

if TYPE_CHECKING:
    from .main_window import MainWindow


def _templates():
    """The template commands, loaded with the first of them (the library builds its models on import)."""
    from ..templates import commands

    return commands


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


Key = QKeySequence.StandardKey


@dataclass
class Actions:
    all: dict[str, QAction] = field(default_factory=dict)

    def __getattr__(self, name: str) -> QAction:
        try:
            return self.__dict__["all"][name]
        except KeyError:
            raise AttributeError(name) from None


def _action(window, actions: Actions, name: str, text: str, slot, keys=(), canvas: bool = False,
            checkable: bool = False, tip: str = "") -> QAction:
    action = QAction(text, window)
    shortcuts = [k if isinstance(k, QKeySequence) else QKeySequence(k) for k in keys]
    if shortcuts:
        action.setShortcuts(shortcuts)
    if canvas:
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        window.view.addAction(action)
    else:
        window.addAction(action)
    action.setCheckable(checkable)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    if slot is not None:
        action.triggered.connect(slot)
    actions.all[name] = action
    return action


def create_actions(w: MainWindow) -> Actions:
    a = Actions()
    files, tabs, view = w.files, w.tabs, w.view
    # File
    _action(w, a, "new", tr("&New Blueprint"), files.new, [Key.New])
    _action(w, a, "new_window", tr("New &Window"), w.open_new_window, ["Ctrl+Shift+N"])
    _action(w, a, "open", tr("&Open…"), files.open, [Key.Open])
    _action(w, a, "save", tr("&Save"), files.save, [Key.Save])
    _action(w, a, "save_as", tr("Save &As…"), files.save_as, ["Ctrl+Shift+S"])
    revert = _action(w, a, "revert", tr("Re&vert to Saved"), files.revert,
                     tip=tr("Discard the unsaved changes and reload the file"))
    files.modifiedChanged.connect(lambda: revert.setEnabled(files.can_revert()))
    revert.setEnabled(files.can_revert())
    _action(w, a, "export_png", tr("Workflow as &PNG…"), lambda: w.export("png"), ["Ctrl+E"])
    _action(w, a, "export_svg", tr("Workflow as &SVG…"), lambda: w.export("svg"))
    _action(w, a, "export_json", tr("Blueprint as &JSON…"), lambda: w.export("json"))
    _action(w, a, "export_workflow_json", tr("&Workflow as JSON…"), lambda: w.export("workflow-json"))
    _action(w, a, "export_overview_png", tr("Blueprint &Overview as PNG…"), lambda: w.pages.export_overview("png"))
    _action(w, a, "export_overview_svg", tr("Blueprint O&verview as SVG…"), lambda: w.pages.export_overview("svg"))
    _action(w, a, "new_from_template", tr("New from &Template…"), lambda: _templates().open_gallery(w), ["Ctrl+Shift+T"],
            tip=tr("Start a workflow from the SOP template library"))
    _action(w, a, "save_as_template", tr("Save Workflow as Te&mplate…"), lambda: _templates().save_as_template(w))
    _action(w, a, "export_runbook", tr("&Runbook (PDF, HTML, Markdown)…"), lambda: _templates().export_runbook(w),
            tip=tr("The client hand-over document of the current workflow"))
    _action(w, a, "close_window", tr("&Close Window"), w.close, [Key.Close])
    _action(w, a, "quit", tr("&Quit"), w.quit_all, [Key.Quit])
    # Edit
    undo = w.stack.createUndoAction(w, tr("Undo"))
    undo.setShortcuts(QKeySequence.keyBindings(Key.Undo))
    redo = w.stack.createRedoAction(w, tr("Redo"))
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    w.addAction(undo)
    w.addAction(redo)
    a.all["undo"], a.all["redo"] = undo, redo
    _action(w, a, "cut", tr("Cu&t"), w.cut, [Key.Cut], canvas=True)
    _action(w, a, "copy", tr("&Copy"), w.copy, [Key.Copy], canvas=True)
    _action(w, a, "paste", tr("&Paste"), w.paste, [Key.Paste], canvas=True)
    _action(w, a, "duplicate", tr("D&uplicate"), w.duplicate, ["Ctrl+D"], canvas=True)
    _action(w, a, "delete", tr("&Delete"), w.delete_selection, [QKeySequence(Qt.Key.Key_Delete),
                                                                  QKeySequence(Qt.Key.Key_Backspace)], canvas=True)
    _action(w, a, "select_all", tr("Select &All"), w.select_all, [Key.SelectAll], canvas=True)
    _action(w, a, "rename", tr("&Rename Step"), w.rename_selected, ["F2"], canvas=True)
    # Insert
    _action(w, a, "add_step", tr("Add &Step…"), lambda: view.quick_add(), ["Tab"], canvas=True,
            tip=tr("Search the catalogue and add a step at the cursor"))
    _action(w, a, "add_note", tr("Sticky &Note"), w.add_note, ["N"], canvas=True,
            tip=tr("Add a sticky note for a comment"))
    # View: the central pages (pages.py); the queue's and overview's keys toggle back to the canvas
    pages = w.pages
    _action(w, a, "show_canvas", tr("Workflow &Canvas"), lambda: pages.show("canvas"), ["Ctrl+Shift+C"],
            checkable=True, tip=tr("Edit the workflows on the canvas"))
    _action(w, a, "show_queue", tr("&Build Queue"), lambda: pages.toggle("queue"), ["Ctrl+Shift+B"],
            checkable=True, tip=tr("Rank every workflow: what to build next, and the experiments' sample sizes"))
    _action(w, a, "show_overview", tr("Blueprint O&verview"), lambda: pages.toggle("overview"), ["Ctrl+Shift+O"],
            checkable=True, tip=tr("The whole programme on one screen, by lifecycle stage"))
    for name, short in (("show_canvas", tr("Canvas")), ("show_queue", tr("Build queue")),
                        ("show_overview", tr("Overview"))):
        a.all[name].setIconText(short)  # the tool bar's page switch
    _action(w, a, "zoom_in", tr("Zoom &In"), view.zoom_in, ["Ctrl+=", "Ctrl++"])
    _action(w, a, "zoom_out", tr("Zoom &Out"), view.zoom_out, ["Ctrl+-"])
    _action(w, a, "zoom_reset", tr("&Actual Size"), view.reset_zoom, ["Ctrl+0"])
    _action(w, a, "fit", tr("&Fit All"), view.fit_all, ["F"], canvas=True)
    snap = _action(w, a, "snap", tr("&Snap to Grid"), w.set_snap, ["Ctrl+'"], checkable=True)
    snap.setChecked(True)
    minimap = _action(w, a, "minimap", tr("&Minimap"), w.set_minimap_visible, ["M"], canvas=True, checkable=True)
    minimap.setChecked(True)
    # Workflow
    _action(w, a, "new_workflow", tr("&New Workflow"), tabs.add, ["Ctrl+T"])
    _action(w, a, "rename_workflow", tr("&Rename Workflow…"), lambda: tabs.rename(), ["Ctrl+R"])
    _action(w, a, "duplicate_workflow", tr("D&uplicate Workflow"), lambda: tabs.duplicate())
    _action(w, a, "delete_workflow", tr("&Delete Workflow"), lambda: tabs.delete())
    _action(w, a, "move_left", tr("Move Tab &Left"), lambda: tabs.move(-1), ["Ctrl+Shift+PgUp"])
    _action(w, a, "move_right", tr("Move Tab Ri&ght"), lambda: tabs.move(1), ["Ctrl+Shift+PgDown"])
    _action(w, a, "next_tab", tr("Ne&xt Workflow"), lambda: w.step_tab(1), ["Ctrl+PgDown"])
    _action(w, a, "prev_tab", tr("&Previous Workflow"), lambda: w.step_tab(-1), ["Ctrl+PgUp"])
    _action(w, a, "auto_layout", tr("&Auto-Layout"), w.auto_layout, ["Ctrl+L"],
            tip=tr("Lay the workflow out left to right (undoable)"))
    # Help
    _action(w, a, "shortcuts", tr("&Keyboard Shortcuts"), w.show_shortcuts, ["Ctrl+/"])
    _action(w, a, "about", tr("&About Journey Designer"), w.show_about)
    return a


def build_menus(w: MainWindow, a: Actions) -> None:
    bar = w.menuBar()
    file = bar.addMenu(tr("&File"))
    for name in ("new", "new_from_template", "new_window", "open"):
        file.addAction(a.all[name])
    w.recent_menu = file.addMenu(tr("Open &Recent"))
    file.addSeparator()
    file.addAction(a.save)
    file.addAction(a.save_as)
    file.addAction(a.revert)
    file.addAction(a.save_as_template)
    install_compare(w, file)
    export = file.addMenu(tr("&Export"))
    for name in ("export_png", "export_svg", "export_json", "export_workflow_json"):
        export.addAction(a.all[name])
    export.addSeparator()
    export.addAction(a.export_overview_png)
    export.addAction(a.export_overview_svg)
    export.addSeparator()
    export.addAction(a.export_runbook)
    file.addSeparator()
    file.addAction(a.close_window)
    file.addAction(a.quit)

    edit = bar.addMenu(tr("&Edit"))
    edit.addAction(a.undo)
    edit.addAction(a.redo)
    edit.addSeparator()
    for name in ("cut", "copy", "paste", "duplicate", "delete"):
        edit.addAction(a.all[name])
    edit.addSeparator()
    edit.addAction(a.select_all)
    edit.addAction(a.rename)

    insert = bar.addMenu(tr("&Insert"))
    insert.addAction(a.add_step)
    insert.addAction(a.add_note)

    view = bar.addMenu(tr("&View"))
    for name in ("show_canvas", "show_queue", "show_overview"):
        view.addAction(a.all[name])
    view.addSeparator()
    for name in ("zoom_in", "zoom_out", "zoom_reset", "fit"):
        view.addAction(a.all[name])
    view.addSeparator()
    view.addAction(a.snap)
    view.addAction(a.minimap)
    w.panels_menu = view.addMenu(tr("&Panels"))
    install_language_menu(w, view)

    workflow = bar.addMenu(tr("&Workflow"))
    for name in ("new_workflow", "rename_workflow", "duplicate_workflow", "delete_workflow"):
        workflow.addAction(a.all[name])
    workflow.addSeparator()
    for name in ("prev_tab", "next_tab", "move_left", "move_right"):
        workflow.addAction(a.all[name])
    workflow.addSeparator()
    workflow.addAction(a.auto_layout)

    help_menu = bar.addMenu(tr("&Help"))
    help_menu.addAction(a.shortcuts)
    help_menu.addAction(a.about)


def build_toolbar(w: MainWindow, a: Actions) -> None:
    """A slim tool bar with the actions a newcomer looks for first."""
    bar = w.addToolBar(tr("Tools"))
    bar.setObjectName("toolsBar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for name, label in (("undo", tr("↶ Undo")), ("redo", tr("↷ Redo")), ("", ""), ("add_step", tr("+ Add step")),
                        ("add_note", tr("✎ Note")), ("auto_layout", tr("⇶ Auto-layout")), ("", ""),
                        ("zoom_out", "−"), ("zoom_in", "+"), ("fit", tr("⤢ Fit")), ("", ""),
                        ("export_png", tr("⇪ Export PNG"))):
        if not name:
            bar.addSeparator()
            continue
        button = bar.addAction(label)
        action = a.all[name]
        button.triggered.connect(action.trigger)
        button.setToolTip(_tip(action))
        button.setEnabled(action.isEnabled())
        action.enabledChanged.connect(button.setEnabled)
    spacer = QWidget(bar)
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(spacer)
    for name in ("show_canvas", "show_queue", "show_overview"):  # the page switch, at the right
        bar.addAction(a.all[name])
        bar.widgetForAction(a.all[name]).setObjectName("pageSwitch")
        a.all[name].setToolTip(_tip(a.all[name]))
    w.toolbar = bar


def _tip(action: QAction) -> str:
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    text = action.text().replace("&", "").rstrip("…")
    return f"{text} ({keys})" if keys else text


def shortcut_table(a: Actions) -> list[tuple[str, str]]:
    """(action, shortcuts) for the Keyboard Shortcuts dialog, plus the mouse gestures."""
    rows = []
    for action in a.all.values():
        keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
        if keys:
            rows.append((action.text().replace("&", "").rstrip("…"), keys))
    rows += [
        (tr("Zoom"), tr("Mouse wheel")),
        (tr("Pan"), tr("Middle button drag, or Space + drag")),
        (tr("Connect"), tr("Drag from an output port onto a step")),
        (tr("Select several"), tr("Drag on empty canvas; Ctrl/Shift adds")),
        (tr("Nudge"), tr("Arrow keys (Shift: further)")),
        (tr("Add a step"), tr("Double-click empty canvas, or drag from the palette")),
    ]
    return rows
