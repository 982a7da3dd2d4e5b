"""Workflows in tabs: add, rename, duplicate, delete, reorder; each undoable."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from designer.fileformat import dumps


def names(window):
    return [w.name for w in window.document.blueprint.workflows]


def tab_texts(window):
    return [window.tabs.bar.tabText(i) for i in range(window.tabs.bar.count())]


def test_add_rename_duplicate_delete_and_undo(window, monkeypatch, dialogs):
    before = dumps(window.document.blueprint)
    new = window.tabs.add()
    assert window.current_workflow_id() == new
    assert tab_texts(window) == names(window) == ["Welcome journey", "New journey 2"]
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Win-back", True)))
    window.actions.rename_workflow.trigger()
    assert tab_texts(window)[1] == "Win-back"
    window.tabs.set_current("welcome")
    copy = window.tabs.duplicate()
    assert names(window) == ["Welcome journey", "Welcome journey (copy)", "Win-back"]
    assert len(window.document.workflow(copy).nodes) == 9
    assert window.current_workflow_id() == copy
    dialogs.answers["question"] = QMessageBox.StandardButton.Yes
    window.actions.delete_workflow.trigger()
    assert names(window) == ["Welcome journey", "Win-back"]
    assert window.actions.undo.text() == "Undo Delete workflow"
    for _ in range(4):
        window.stack.undo()
    assert dumps(window.document.blueprint) == before
    assert tab_texts(window) == ["Welcome journey"]


def test_reorder_by_dragging_a_tab_is_undoable(window, qtbot):
    second = window.tabs.add()
    window.tabs.bar.moveTab(1, 0)  # what a drag does
    qtbot.waitUntil(lambda: [w.id for w in window.document.blueprint.workflows] == [second, "welcome"])
    assert window.actions.undo.text() == "Undo Reorder workflows"
    window.stack.undo()
    assert [w.id for w in window.document.blueprint.workflows] == ["welcome", second]
    assert window.tabs.ids() == ["welcome", second]


def test_the_last_workflow_is_not_deleted(window):
    assert not window.tabs.delete(confirm=False)
    assert names(window) == ["Welcome journey"]


def test_each_tab_keeps_its_own_view(window):
    window.view.set_zoom(0.8)
    second = window.tabs.add()
    window.tabs.set_current(second)
    window.view.set_zoom(1.5)
    window.tabs.set_current("welcome")
    assert abs(window.view.zoom() - 0.8) < 1e-6
    assert window.view.scene().workflow_id == "welcome"
