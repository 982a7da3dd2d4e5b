"""File > Compare With in the real window: the saved version, another file, a git commit."""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from designer.app.compare import compare_with_commit, compare_with_file
from designer.app.compare.window import CompareWindow
from designer.diff import describe, diff_data
from designer.diff.gitrepo import file_history
from designer.examples import example_blueprint
from designer.fileformat import save, to_data


def _menu_action(window, *texts):
    menu = window.menuBar()
    for text in texts:
        action = next(a for a in menu.actions() if a.text().replace("&", "") == text)
        if action.menu() is not None:
            action.menu().aboutToShow.emit()
            menu = action.menu()
    return action


def _edit(window):
    """Three kinds of change: a setting (n3), a removed step (n9), an added step."""
    settings = dict(window.document.node("welcome", "n3").settings, amount=3)
    window.editor.set_node_settings("welcome", "n3", settings)
    new_id = window.editor.add_node("welcome", "send.push", 1700, 300)
    window.editor.delete("welcome", ["n9"])
    window.editor.connect("welcome", "n7", "timed_out", new_id)
    return new_id


def _halos(scene):
    return {item.data(0) for item in scene.items() if item.data(0)}


def _open_windows(window):
    return [w for w in window.findChildren(CompareWindow) if w.isVisible()]


def test_compare_with_saved_version_marks_and_lists_the_changes(window, qtbot, tmp_path):
    path = tmp_path / "welcome.json"
    save(window.document.blueprint, path)
    window.files.open_path(path, ask=False)
    new_id = _edit(window)
    _menu_action(window, "File", "Compare With", "Saved Version").trigger()
    (view,) = _open_windows(window)
    qtbot.addWidget(view)
    qtbot.waitExposed(view)

    # the same list as `journey diff saved current`
    saved, now = to_data(example_blueprint()), to_data(window.document.blueprint)
    expected = [e.text[2:] for e in describe(diff_data(saved, now), saved, now)]
    assert [view.changes.item(i).text() for i in range(view.changes.count())] == expected
    assert any("How long: 2 days -> 3 days" in t for t in expected)

    before, after = view.scenes
    assert _halos(before) == {"removed", "changed"} and _halos(after) == {"added", "changed"}
    assert "n9" in before.nodes and "n9" not in after.nodes and new_id in after.nodes

    # choosing a change centres the canvas on its step and selects it
    row = next(i for i, t in enumerate(expected) if t.startswith(f"step {new_id}"))
    view.changes.setCurrentRow(row)
    card = after.nodes[new_id]
    centre = view.sides[1].view.mapToScene(view.sides[1].view.viewport().rect().center())
    assert (centre - card.sceneBoundingRect().center()).manhattanLength() < 20  # a pixel, zoomed out
    assert card.isSelected()
    # the left canvas follows (linked views)
    left = view.sides[0].view.mapToScene(view.sides[0].view.viewport().rect().center())
    assert (left - centre).manhattanLength() < 20

    # read-only: the canvases take no edits
    assert not view.sides[0].view.isInteractive() and not view.sides[1].view.isInteractive()

    with warnings.catch_warnings():  # offscreen, a second window is not activated on its own
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(view)
    qtbot.waitActive(view)
    qtbot.keyClick(view.sides[1].view, Qt.Key.Key_F)  # fit: the whole journey again
    visible = view.sides[1].view.mapToScene(view.sides[1].view.viewport().rect()).boundingRect()
    assert visible.contains(after.content_rect()) and visible.contains(before.content_rect())

    view.overlay.setChecked(True)
    assert not view.sides[0].isVisible()
    ghosts = [i for i in view.scenes[1].items() if i.data(0) == "removed"]
    assert len(ghosts) == 1  # n9, drawn where it stood
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.isVisible()


def test_compare_with_another_file_and_a_bad_file(window, qtbot, tmp_path, dialogs):
    other = example_blueprint()
    other.workflows[0].name = "Welcome series"
    path = tmp_path / "other.json"
    save(other, path)
    view = compare_with_file(window, str(path))
    qtbot.addWidget(view)
    assert [view.changes.item(i).text() for i in range(view.changes.count())] == [
        'renamed "Welcome series" -> "Welcome journey"']
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    assert compare_with_file(window, str(broken)) is None
    assert dialogs.kinds() == ["warning"] and "not valid JSON" in dialogs.calls[0][2]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_compare_with_a_commit_of_the_file(window, qtbot, tmp_path):
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    path = tmp_path / "welcome.json"
    save(window.document.blueprint, path)
    for args in (["init", "-q"], ["add", "welcome.json"],
                 ["-c", "user.name=A", "-c", "user.email=a@example.com", "commit", "-qm", "first version"]):
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)
    window.files.open_path(path, ask=False)
    window.editor.rename_node("welcome", "n6", "WeChat reminder")
    assert _menu_action(window, "File", "Compare With", "A Commit…").isEnabled()
    (commit,) = file_history(path)
    assert commit.subject == "first version"
    view = compare_with_commit(window, commit)
    qtbot.addWidget(view)
    assert view.windowTitle().startswith(f"Compare: {commit.sha[:8]}")
    texts = [view.changes.item(i).text() for i in range(view.changes.count())]
    assert texts == ['step n6 "WeChat reminder" (SMS): Title: "SMS reminder" -> "WeChat reminder"']
    assert view.changes.item(0).data(Qt.ItemDataRole.UserRole).target == "n6"


def test_commit_choice_is_disabled_outside_a_repository(window, tmp_path):
    path = tmp_path / "welcome.json"
    save(window.document.blueprint, path)
    window.files.open_path(path, ask=False)
    assert not _menu_action(window, "File", "Compare With", "A Commit…").isEnabled()
    assert _menu_action(window, "File", "Compare With", "Saved Version").isEnabled()


def test_a_workflow_only_one_version_has(window, qtbot, tmp_path):
    from designer.examples import welcome_workflow

    now = window.document.blueprint
    window.document.add_workflow(welcome_workflow("second"))
    path = tmp_path / "old.json"
    save(example_blueprint(), path)
    view = compare_with_file(window, str(path))
    qtbot.addWidget(view)
    assert view.workflows.count() == 2 and view.workflows.currentData() == "second"  # the one with changes
    assert [view.changes.item(i).text() for i in range(view.changes.count())] == [
        'workflow second "Welcome journey" (9 steps)']
    assert view.scenes[0] is None and view.sides[0].view.empty_text == "The workflow is not in this version"
    assert len(view.scenes[1].nodes) == 9 and _halos(view.scenes[1]) == {"added"}
    view.workflows.setCurrentIndex(0)
    assert view.workflow_id == "welcome" and view.scenes[0] is not None and view.changes.count() == 0
    assert now is window.document.blueprint
