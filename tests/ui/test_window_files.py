"""Files in the real window: save and reopen, bad files, autosave and recovery, export."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

from designer.app.files.autosave import find_orphans
from designer.blueprint import Edge
from designer.canvas import commands
from designer.examples import example_blueprint
from designer.fileformat import dumps, load

from .conftest import card_centre, drag, port_point


def test_save_and_reopen_gives_what_was_drawn(window, make_window, tmp_path, monkeypatch):
    # draw: a new node, a wire to it, a move, a sticky note
    window.editor.delete("welcome", ["n9"])
    new_id = window.editor.add_node("welcome", "send.push", 1700, 200)
    drag(window.view, port_point(window, "n7", "timed_out"), card_centre(window, new_id))
    window.add_note(QPointF(100, 300))
    assert window.isWindowModified()
    assert "*" in window.windowTitle().replace("[*]", "*") or window.isWindowModified()
    target = tmp_path / "drawn.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    window.actions.save.trigger()
    assert not window.isWindowModified()
    assert target.read_text(encoding="utf-8") == dumps(window.document.blueprint)

    again = make_window()
    assert again.files.open_path(target)
    assert dumps(again.document.blueprint) == target.read_text(encoding="utf-8")
    scene = again.view.scene()
    wf = again.document.workflow("welcome")
    for node in wf.nodes:  # the scene shows exactly the file
        item = scene.nodes[node.id]
        assert (item.x(), item.y()) == (node.position.x, node.position.y)
    assert set(scene.edges) == {(e.source, e.source_port, e.target) for e in wf.edges}
    assert ("n7", "timed_out", new_id) in scene.edges
    assert set(scene.notes) == {n.id for n in wf.notes}
    assert str(target.resolve()) in again.files.recent_files()
    assert "drawn.json" in again.windowTitle()


def test_a_corrupt_file_is_reported_and_the_window_keeps_going(window, dialogs, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "journey-designer", "version": 2, "name": "x",\n  "workflows": [}', encoding="utf-8")
    before = dumps(window.document.blueprint)
    assert not window.files.open_path(bad)
    kind, _title, text = dialogs.calls[-1]
    assert kind == "critical"
    assert "broken.json" in text and "line 2" in text  # what and where
    assert dumps(window.document.blueprint) == before
    window.view.scene().select_only(["n1"])  # still alive and editing
    window.actions.delete.trigger()
    assert window.document.blueprint.workflow("welcome").node("n1") is None


def test_a_too_new_file_says_so(window, dialogs, tmp_path):
    data = json.loads(dumps(example_blueprint()))
    data["version"] = 99
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(data), encoding="utf-8")
    assert not window.files.open_path(newer)
    assert "newer" in dialogs.calls[-1][2] and "$.version" in dialogs.calls[-1][2]


def test_a_bad_field_names_where(window, dialogs, tmp_path):
    data = json.loads(dumps(example_blueprint()))
    data["workflows"][0]["nodes"][2]["position"]["x"] = "left"
    bad = tmp_path / "field.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert not window.files.open_path(bad)
    assert "$.workflows[0].nodes[2].position.x" in dialogs.calls[-1][2]


def test_closing_with_unsaved_changes_asks(window, dialogs):
    window.view.scene().select_only(["n2"])
    window.actions.delete.trigger()
    dialogs.answers["warning"] = QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert dialogs.kinds() == ["warning"]
    assert window.isVisible()
    dialogs.answers["warning"] = QMessageBox.StandardButton.Discard
    assert window.close()


def test_undo_back_to_the_saved_state_is_not_modified(window, tmp_path):
    window.files._write(tmp_path / "a.json")
    window.view.scene().select_only(["n2"])
    window.actions.delete.trigger()
    assert window.isWindowModified()
    window.stack.undo()
    assert not window.isWindowModified()


def test_autosave_writes_a_recovery_file_and_saving_removes_it(window, tmp_path):
    autosave = window.files.autosave
    assert not autosave.tick()  # nothing edited: nothing written
    window.stack.push(commands.RenameNode(window.document, "welcome", "n2", "Renamed"))
    assert autosave.tick()
    recovered = load(autosave.path)
    assert recovered.workflow("welcome").node("n2").title == "Renamed"
    assert not find_orphans(autosave.directory)  # this window is alive: not an orphan
    window.files._write(tmp_path / "saved.json")
    assert not autosave.path.exists()


def test_recover_from_an_autosave_after_a_crash(make_window, dialogs, tmp_path):
    # what a crashed session leaves: a blueprint, its meta file, and no live lock
    recovery = tmp_path / "recovery"
    recovery.mkdir()
    blueprint = example_blueprint()
    blueprint.workflows[0].nodes[1].title = "Edited before the crash"
    (recovery / "abc123.json").write_text(dumps(blueprint), encoding="utf-8")
    original = tmp_path / "journey.json"
    (recovery / "abc123.meta.json").write_text(json.dumps(
        {"original": str(original), "name": blueprint.name, "saved_at": "2025-01-02T10:30:00", "pid": 999999}))
    import socket

    # the lock the crashed process held: its pid is no longer running, so the lock is stale
    (recovery / "abc123.lock").write_text(f"999999\npython\n{socket.gethostname()}\n")
    window = make_window()
    dialogs.answers["question"] = QMessageBox.StandardButton.Yes
    assert window.files.offer_recovery()
    assert dialogs.kinds() == ["question"] and "2025-01-02 10:30" in dialogs.calls[0][2]
    assert window.document.node("welcome", "n2").title == "Edited before the crash"
    assert window.view.scene().nodes["n2"].look.title == "Edited before the crash"
    assert window.isWindowModified()  # restored, not yet saved
    assert window.document.path == original
    assert not (recovery / "abc123.json").exists()  # adopted: now this window's own autosave
    assert not find_orphans(recovery)


def test_declining_recovery_discards_it(make_window, dialogs, tmp_path):
    recovery = tmp_path / "recovery"
    recovery.mkdir()
    (recovery / "s1.json").write_text(dumps(example_blueprint()), encoding="utf-8")
    (recovery / "s1.meta.json").write_text(json.dumps({"original": None, "name": "x", "saved_at": "2025-01-01T00:00:00"}))
    window = make_window()
    assert not window.files.offer_recovery()  # the default answer is No
    assert not list(recovery.glob("s1*.json"))
    assert not window.files.offer_recovery()
    assert dialogs.kinds() == ["question"]


def test_new_blueprint_and_recent_files(window, tmp_path):
    path = tmp_path / "one.json"
    path.write_text(dumps(example_blueprint()), encoding="utf-8")
    window.files.open_path(path)
    window.actions.new.trigger()
    assert [w.name for w in window.document.blueprint.workflows] == ["New journey"]
    assert window.view.scene() is not None and not window.view.scene().nodes
    assert window.recent_menu.actions()[0].toolTip() == str(path.resolve())
    window.recent_menu.actions()[0].trigger()
    assert window.document.path == path.resolve()


def test_export_png_svg_and_json(window, tmp_path, monkeypatch):
    answers = iter([tmp_path / "w.png", tmp_path / "w.svg", tmp_path / "all.json", tmp_path / "one.json"])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(next(answers)), "")))
    window.view.scene().select_only(["n2"])
    window.actions.export_png.trigger()
    window.actions.export_svg.trigger()
    window.actions.export_json.trigger()
    window.actions.export_workflow_json.trigger()
    image = QImage(str(tmp_path / "w.png"))
    assert image.width() > 2000 and image.height() > 400
    svg = (tmp_path / "w.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "Welcome email" in svg
    assert load(tmp_path / "all.json").workflows[0].id == "welcome"
    one = load(tmp_path / "one.json")
    assert [w.id for w in one.workflows] == ["welcome"]
    assert window.view.scene().selected_node_ids() == ["n2"]  # the selection was kept


def test_scene_follows_a_connect_pushed_from_elsewhere(window):
    window.editor.delete("welcome", [], [], [("n2", "next", "n3")])
    window.stack.push(commands.Connect(window.document, "welcome", Edge(source="n2", source_port="next", target="n3")))
    assert ("n2", "next", "n3") in window.view.scene().edges


def test_paths_are_plain(tmp_path):
    assert Path(tmp_path).exists()
