"""The canvas's right-click menu: what can be done with what is under the mouse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPoint, QPointF
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from .main_window import MainWindow


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def build_canvas_menu(w: MainWindow, global_pos: QPoint, scene_pos: QPointF) -> QMenu:
    a = w.actions
    _wf, nodes, notes, edges = w._selection()
    menu = QMenu(w)
    if nodes or notes:
        if len(nodes) == 1 and not notes:
            menu.addAction(a.rename)
        for action in (a.duplicate, a.cut, a.copy, a.delete):
            menu.addAction(action)
        if len(nodes) > 1:
            menu.addSeparator()
            layout = menu.addAction(tr("Auto-Layout Selection"), w.auto_layout)
            layout.setShortcut(a.auto_layout.shortcut())
    elif edges:
        menu.addAction(tr("Delete Wire") if len(edges) == 1 else tr("Delete Wires"), w.delete_selection)
    else:
        menu.addAction(tr("Add Step Here…"), lambda: w.view.quick_add(global_pos, scene_pos))
        menu.addAction(tr("Sticky Note Here"), lambda: w.add_note(scene_pos))
        menu.addAction(a.paste)
        menu.addSeparator()
        menu.addAction(a.select_all)
        menu.addAction(a.auto_layout)
        menu.addAction(a.fit)
    return menu


def show_canvas_menu(w: MainWindow, global_pos: QPoint, scene_pos: QPointF) -> None:
    if w.view.scene() is None:
        return
    build_canvas_menu(w, global_pos, scene_pos).exec(global_pos)
