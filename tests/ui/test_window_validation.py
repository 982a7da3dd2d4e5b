"""Live validation in the real window: badges, status bar, problems panel, reveal."""

from __future__ import annotations

from designer.blueprint import Edge
from designer.canvas import commands

from .conftest import card_centre, drag, port_point


def test_a_badge_appears_and_disappears_as_a_cycle_is_made_and_broken(window, qtbot):
    scene = window.view.scene()
    assert scene.nodes["n2"].badge is None
    # free n3's output, then wire it back to n2: n2 -> n3 -> n2 is a loop
    window.editor.delete("welcome", [], [], [("n3", "next", "n4")])
    drag(window.view, port_point(window, "n3", "next"), card_centre(window, "n2"))
    assert ("n3", "next", "n2") in scene.edges
    qtbot.waitUntil(lambda: scene.nodes["n2"].badge is not None, timeout=3000)  # debounced, then shown
    assert scene.nodes["n2"].badge[0] == "error"
    assert scene.nodes["n3"].badge[0] == "error"
    assert "loop" in scene.nodes["n2"].badge[1]
    assert "error" in window.status.problems.text()
    window.stack.undo()  # break the cycle
    qtbot.waitUntil(lambda: scene.nodes["n2"].badge is None, timeout=3000)
    assert scene.nodes["n3"].badge is not None  # n3's output leads nowhere now: a warning remains
    assert scene.nodes["n3"].badge[0] == "warning"


def test_validation_is_debounced_not_run_on_every_edit(window, qtbot):
    calls = []
    window.validation.problemsChanged.connect(calls.append)
    for x in range(5):
        window.stack.push(commands.MoveNodes(window.document, "welcome", {"n1": (0, 0)}, {"n1": (x * 20.0, 0.0)}))
    window.editor.delete("welcome", [], [], [("n8", "", "")])  # not a wire: ignored, nothing pushed
    window.stack.push(commands.Disconnect(window.document, "welcome", "n2", "next"))
    assert calls == []  # nothing yet: edits are still coming
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=3000)
    assert any(p.code == "dangling-output" for p in calls[0])


def test_no_problems_in_the_sample(window):
    assert window.validation.problems == []
    assert "No problems" in window.status.problems.text()
    assert all(item.badge is None for item in window.view.scene().nodes.values())


def test_revealing_a_problem_selects_and_centres_its_node(window):
    window.stack.push(commands.Disconnect(window.document, "welcome", "n7", "happened"))
    window.validation.run_now()
    problem = next(p for p in window.validation.problems if p.code == "dangling-output")
    window.view.set_zoom(1.0)
    window.view.centerOn(-3000, -3000)
    window.reveal_problem(problem.workflow_id, list(problem.node_ids))
    scene = window.view.scene()
    assert scene.selected_node_ids() == ["n7"]
    assert window.view.visible_scene_rect().contains(card_centre(window, "n7"))
    assert window.panels.inspector.mode == "node"


def test_double_clicking_a_problem_in_the_panel_reveals_its_node(window):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    panel = window.panels.problems
    window.stack.push(commands.Disconnect(window.document, "welcome", "n4", "no"))
    window.validation.run_now()
    row = next(i for i, p in enumerate(panel.problems()) if p.code == "dangling-output")
    assert panel.problems()[row].node_ids == ("n4",)
    window.view.set_zoom(1.0)
    window.view.centerOn(-3000, -3000)
    tree = panel.tree
    rect = tree.visualItemRect(panel.item_for(row))
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    QTest.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    assert window.view.scene().selected_node_ids() == ["n4"]
    assert window.view.visible_scene_rect().contains(card_centre(window, "n4"))


def test_a_connect_from_the_core_badges_an_unreachable_node(window, qtbot):
    window.stack.push(commands.Disconnect(window.document, "welcome", "n1", "next"))
    window.validation.run_now()
    assert window.view.scene().nodes["n2"].badge[0] == "error"  # unreachable now
    window.stack.push(commands.Connect(window.document, "welcome", Edge(source="n1", source_port="next", target="n2")))
    window.validation.run_now()
    assert window.view.scene().nodes["n2"].badge is None


def test_revealing_a_problem_in_a_workflow_not_yet_shown(window, qtbot):
    other = window.tabs.duplicate()
    window.tabs.set_current("welcome")
    window.stack.push(commands.Disconnect(window.document, other, "n7", "happened"))
    window.validation.run_now()
    problem = next(p for p in window.validation.problems if p.workflow_id == other and p.code == "dangling-output")
    window.scenes._scenes.pop(other).deleteLater()  # as if never shown yet
    window.reveal_problem(other, list(problem.node_ids))
    qtbot.wait(50)  # the first fit of a new scene must not undo the reveal
    assert window.current_workflow_id() == other
    assert window.view.scene().selected_node_ids() == ["n7"]
    centre, n7 = window.view.visible_scene_rect().center(), window.view.scene().nodes["n7"].sceneBoundingRect().center()
    assert abs(centre.x() - n7.x()) < 30 and abs(centre.y() - n7.y()) < 30  # centred on it, not re-fitted


def test_a_large_blueprint_is_checked_on_a_worker_with_checking_shown(make_window, qtbot, monkeypatch):
    """Live validation of a large file runs off the UI thread; the status bar says it is checking."""
    import itertools
    import threading

    from designer.app.window import live_validation
    from tests.builders import blueprint, node, workflow

    nodes = [node("t", "trigger.event", event="signed_up")] + [node(f"e{i}", "send.email") for i in range(600)]
    wires = [(a.id, "next", b.id) for a, b in itertools.pairwise(nodes)]
    threads, release = [], threading.Event()
    real_validate = live_validation.validate

    def validate(bp):  # held until the test has looked at the window mid-check
        threads.append(threading.current_thread())
        release.wait(5)
        return real_validate(bp)

    monkeypatch.setattr(live_validation, "validate", validate)
    window = make_window(blueprint(workflow(nodes, wires, goal=None)))
    assert window.validation.checking
    assert "Checking" in window.status.problems.text()
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert threads[0] is not threading.main_thread()
    qtbot.wait(20)  # the UI thread keeps handling events meanwhile
    release.set()
    qtbot.waitUntil(lambda: not window.validation.checking, timeout=5000)
    assert any(p.code == "no-goal" for p in window.validation.problems)
    assert "warning" in window.status.problems.text()
    # An edit while a check runs: the stale result is dropped and the new revision checked.
    release.clear()
    window.stack.push(commands.Disconnect(window.document, "wf", "e10", "next"))
    window.validation.refresh()
    assert window.validation.checking
    window.stack.push(commands.Disconnect(window.document, "wf", "e20", "next"))
    release.set()
    qtbot.waitUntil(lambda: not window.validation.checking, timeout=5000)
    assert window.validation._revision == window.document.revision
    unreachable = {p.node_ids[0] for p in window.validation.problems if p.code == "unreachable"}
    assert "e11" in unreachable and "e21" in unreachable
