"""Drive the real window: place, wire, edit, copy, delete, and undo/redo each."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from designer.fileformat import dumps

from .conftest import card_centre, drag, port_point

MIME_KIND = "application/x-journey-node-kind"


def edges(window):
    return {(e.source, e.source_port, e.target) for e in window.document.workflow(window.current_workflow_id()).edges}


def node_ids(window):
    return [n.id for n in window.document.workflow(window.current_workflow_id()).nodes]


def drop_kind(window, kind_id: str, at: QPoint) -> None:
    """What QDrag delivers when a palette row is dropped on the canvas (QDrag cannot run offscreen)."""
    palette = window.panels.palette
    mime = palette.mime_data(kind_id) if hasattr(palette, "mime_data") else QMimeData()
    if not mime.hasFormat(MIME_KIND):
        mime.setData(MIME_KIND, kind_id.encode())
    viewport = window.view.viewport()
    actions = Qt.DropAction.CopyAction
    for event in (
        QDragEnterEvent(at, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
        QDragMoveEvent(at, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
        QDropEvent(QPointF(at), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
    ):
        QApplication.sendEvent(viewport, event)


def test_drop_a_kind_from_the_palette_then_undo_and_redo(window):
    before = dumps(window.document.blueprint)
    at = window.view.viewport().rect().center() + QPoint(0, 150)
    drop_kind(window, "send.sms", at)
    wf = window.document.workflow("welcome")
    added = [n for n in wf.nodes if n.id not in {f"n{i}" for i in range(1, 10)}]
    assert [n.kind for n in added] == ["send.sms"]
    item = window.view.scene().nodes[added[0].id]
    centre = window.view.mapToScene(at)
    assert abs(item.x() + 116 - centre.x()) <= 20 and abs(item.y() + 30 - centre.y()) <= 20  # where it was dropped
    assert window.actions.undo.text() == "Undo Add SMS"
    window.stack.undo()
    assert dumps(window.document.blueprint) == before
    assert added[0].id not in window.view.scene().nodes
    window.stack.redo()
    assert added[0].id in window.view.scene().nodes


def test_a_drop_of_something_else_adds_nothing(window):
    mime = QMimeData()
    mime.setText("send.sms")
    event = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.view.viewport(), event)
    assert len(node_ids(window)) == 9


def test_connect_two_nodes_by_dragging_from_a_port(window):
    window.editor.delete("welcome", [], [], [("n4", "no", "n6")])
    assert ("n4", "no", "n6") not in edges(window)
    drag(window.view, port_point(window, "n4", "no"), card_centre(window, "n6"))
    assert ("n4", "no", "n6") in edges(window)
    assert window.view.scene().edges[("n4", "no", "n6")].isVisible()
    assert window.actions.undo.text() == "Undo Connect"
    window.stack.undo()
    assert ("n4", "no", "n6") not in edges(window)
    assert ("n4", "no", "n6") not in window.view.scene().edges
    window.stack.redo()
    assert ("n4", "no", "n6") in window.view.scene().edges


def test_a_refused_wire_says_why(window):
    # n1 (a trigger) already leads to n2: a second wire from the same port is refused, and so is one into a trigger.
    drag(window.view, port_point(window, "n1", "next"), card_centre(window, "n3"))
    assert ("n1", "next", "n3") not in edges(window)
    assert "already connected" in window.status.currentMessage()
    window.editor.delete("welcome", [], [], [("n2", "next", "n3")])
    drag(window.view, port_point(window, "n2", "next"), card_centre(window, "n1"))
    assert ("n2", "next", "n1") not in edges(window)
    assert "trigger" in window.status.currentMessage()


def test_hovering_a_wire_over_a_step_shows_valid_or_refused(window):
    window.editor.delete("welcome", [], [], [("n2", "next", "n3")])
    view, viewport = window.view, window.view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.mapFromScene(port_point(window, "n2", "next")))
    QTest.mouseMove(viewport, view.mapFromScene(card_centre(window, "n3")))
    assert window.view.scene().nodes["n3"].drop_state == "valid"
    QTest.mouseMove(viewport, view.mapFromScene(card_centre(window, "n1")))
    assert window.view.scene().nodes["n1"].drop_state == "invalid"
    assert window.view.scene().nodes["n3"].drop_state is None
    QTest.keyClick(viewport, Qt.Key.Key_Escape)  # cancel: nothing connected, no hover left
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       view.mapFromScene(card_centre(window, "n3")))
    assert ("n2", "next", "n3") not in edges(window)
    assert window.view.scene().nodes["n1"].drop_state is None


def test_dropping_a_wire_on_empty_canvas_offers_quick_add_and_wires_the_new_step(window, qtbot):
    window.editor.delete("welcome", ["n9"])
    empty = card_centre(window, "n8") + QPointF(0, 260)
    drag(window.view, port_point(window, "n7", "timed_out"), empty)
    popup = window.view._gesture.popup
    assert popup.isVisible()
    QTest.keyClicks(popup.search, "exit")
    QTest.keyClick(popup.search, Qt.Key.Key_Return)
    new = [n for n in window.document.workflow("welcome").nodes if n.kind == "exit"]
    assert len(new) == 1
    assert ("n7", "timed_out", new[0].id) in edges(window)
    window.stack.undo()  # one step: the node and its wire
    assert not [n for n in window.document.workflow("welcome").nodes if n.kind == "exit"]


def test_inspector_edit_is_one_undo_step(window):
    inspector = window.panels.inspector
    window.view.scene().select_only(["n3"])
    assert inspector.mode == "node"
    editor = inspector.editor("amount")
    editor.spin.setValue(5)
    editor.spin.editingFinished.emit()
    node = window.document.node("welcome", "n3")
    assert node.settings["amount"] == 5
    assert "Wait 5 days" in window.view.scene().nodes["n3"].look.summary  # the card follows the model
    assert window.actions.undo.text().startswith("Undo Change")
    window.stack.undo()
    assert window.document.node("welcome", "n3").settings["amount"] == 2
    assert inspector.editor("amount").spin.value() == 2  # the inspector follows the undo
    window.stack.redo()
    assert window.document.node("welcome", "n3").settings["amount"] == 5


def test_rename_in_the_inspector(window):
    window.view.scene().select_only(["n2"])
    title = window.panels.inspector.title_edit()
    title.setText("Hello email")
    title.editingFinished.emit()
    assert window.document.node("welcome", "n2").title == "Hello email"
    assert window.view.scene().nodes["n2"].look.title == "Hello email"
    window.stack.undo()
    assert window.document.node("welcome", "n2").title == "Welcome email"


def test_copy_paste_and_duplicate_with_inner_wires(window):
    scene = window.view.scene()
    scene.select_only(["n4", "n5", "n6"])
    window.actions.copy.trigger()
    window.actions.paste.trigger()
    wf = window.document.workflow("welcome")
    new = [n for n in wf.nodes if n.id not in {f"n{i}" for i in range(1, 10)}]
    assert sorted(n.kind for n in new) == ["branch.condition", "send.email", "send.sms"]
    by_kind = {n.kind: n.id for n in new}
    assert (by_kind["branch.condition"], "yes", by_kind["send.email"]) in edges(window)
    assert (by_kind["branch.condition"], "no", by_kind["send.sms"]) in edges(window)
    assert len(edges(window)) == 9 + 2  # only the inner wires came along
    assert sorted(scene.selected_node_ids()) == sorted(by_kind.values())  # the pasted nodes are selected
    window.stack.undo()
    assert len(window.document.workflow("welcome").nodes) == 9
    scene.select_only(["n2"])
    window.actions.duplicate.trigger()
    assert len(window.document.workflow("welcome").nodes) == 10
    assert window.actions.undo.text() == "Undo Duplicate"


def test_cut_and_paste_into_another_workflow(window):
    scene = window.view.scene()
    scene.select_only(["n5", "n7"])
    window.actions.cut.trigger()
    assert {"n5", "n7"}.isdisjoint(node_ids(window))
    assert window.actions.undo.text() == "Undo Cut 2 items"
    new_wf = window.tabs.add()
    assert window.current_workflow_id() == new_wf
    window.actions.paste.trigger()
    assert sorted(n.kind for n in window.document.workflow(new_wf).nodes) == ["send.email", "wait.event"]


def test_paste_into_another_window(make_window):
    first, second = make_window(), make_window()
    first.view.scene().select_only(["n2", "n3"])
    first.actions.copy.trigger()
    before = len(second.document.workflow("welcome").nodes)
    second.actions.paste.trigger()
    wf = second.document.workflow("welcome")
    assert len(wf.nodes) == before + 2
    assert len({n.id for n in wf.nodes}) == len(wf.nodes)  # fresh ids
    assert len(wf.edges) == 9 + 1


def test_delete_takes_the_wires_and_undo_puts_everything_back(window):
    before = dumps(window.document.blueprint)
    window.view.scene().select_only(["n4"])
    window.actions.delete.trigger()
    assert "n4" not in node_ids(window)
    assert not [e for e in edges(window) if "n4" in (e[0], e[2])]
    assert not [k for k in window.view.scene().edges if "n4" in (k[0], k[2])]
    assert window.actions.undo.text() == "Undo Delete node"
    window.stack.undo()
    assert dumps(window.document.blueprint) == before
    assert ("n4", "yes", "n5") in window.view.scene().edges


def test_delete_a_selected_wire(window):
    scene = window.view.scene()
    scene.clearSelection()
    scene.edges[("n2", "next", "n3")].setSelected(True)
    window.actions.delete.trigger()
    assert ("n2", "next", "n3") not in edges(window)
    assert window.actions.undo.text() == "Undo Disconnect"


def test_drag_to_move_is_one_step_named_in_the_edit_menu(window):
    scene = window.view.scene()
    scene.select_only(["n2", "n3"])
    start = card_centre(window, "n2")
    drag(window.view, start, start + QPointF(100, 60))
    n2 = window.document.node("welcome", "n2").position
    assert (n2.x, n2.y) == (380, 60)  # moved and snapped to the grid
    assert window.document.node("welcome", "n3").position.y == 60
    assert window.actions.undo.text() == "Undo Move 2 nodes"
    window.stack.undo()
    assert (window.document.node("welcome", "n2").position.x, scene.nodes["n2"].x()) == (280, 280)


def test_rubber_band_and_select_all(window):
    scene = window.view.scene()
    a = card_centre(window, "n1") + QPointF(-150, -60)
    b = card_centre(window, "n3")
    drag(window.view, a, b)
    assert sorted(scene.selected_node_ids()) == ["n1", "n2", "n3"]
    assert not scene.selected_edge_keys()
    window.actions.select_all.trigger()
    assert len(scene.selected_node_ids()) == 9


def test_quick_add_with_tab(window):
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Tab)
    popup = window.view._gesture.popup
    QTest.keyClicks(popup.search, "wait for")
    QTest.keyClick(popup.search, Qt.Key.Key_Return)
    assert [n.kind for n in window.document.workflow("welcome").nodes].count("wait.event") == 2
    assert not popup.isVisible()


def test_arrow_keys_nudge_and_merge_into_one_step(window):
    scene = window.view.scene()
    scene.select_only(["n1"])
    window.view.setFocus()
    for _ in range(3):
        QTest.keyClick(window.view.viewport(), Qt.Key.Key_Right)
    assert window.document.node("welcome", "n1").position.x == 60
    window.stack.undo()
    assert window.document.node("welcome", "n1").position.x == 0


def test_sticky_notes(window):
    window.add_note(QPointF(0, 300))  # opens the note for typing
    wf = window.document.workflow("welcome")
    assert len(wf.notes) == 1
    note_id = wf.notes[0].id
    QTest.keyClicks(window.view, "Check the offer with legal")
    window.view.scene().setFocusItem(None)  # clicking elsewhere ends the edit
    assert window.document.workflow("welcome").notes[0].text == "Check the offer with legal"
    assert window.actions.undo.text() == "Undo Edit sticky note"
    window.view.scene().select_only(note_ids=[note_id])
    window.actions.delete.trigger()
    assert not window.document.workflow("welcome").notes
    window.stack.undo()
    window.stack.undo()
    assert window.document.workflow("welcome").notes[0].text == "Comment"
    window.stack.undo()
    assert not window.document.workflow("welcome").notes


def test_auto_layout_is_undoable(window):
    window.document.move_nodes("welcome", {"n5": (3000.0, 3000.0)})
    before = dumps(window.document.blueprint)
    window.actions.auto_layout.trigger()
    xs = {n.id: n.position.x for n in window.document.workflow("welcome").nodes}
    assert xs["n1"] < xs["n2"] < xs["n3"] < xs["n4"] < xs["n5"] < xs["n7"] < xs["n8"]
    assert window.actions.undo.text() == "Undo Auto-layout"
    window.stack.undo()
    assert dumps(window.document.blueprint) == before


def test_double_click_on_empty_canvas_opens_quick_add_there(window):
    view = window.view
    empty = card_centre(window, "n1") + QPointF(0, 400)
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                      view.mapFromScene(empty))
    popup = view._gesture.popup
    assert popup.isVisible() and popup.list.count() == 24
    QTest.keyClicks(popup.search, "tag")
    assert popup.list.currentItem().text() == "Tag"
    QTest.keyClick(popup.search, Qt.Key.Key_Return)
    added = window.document.workflow("welcome").nodes[-1]
    assert added.kind == "data.tag"
    assert abs(added.position.y + 30 - empty.y()) <= 20


def test_context_menus_offer_what_fits(window):
    from designer.app.window.context_menu import build_canvas_menu

    scene = window.view.scene()
    scene.select_only(["n2"])
    texts = [a.text() for a in build_canvas_menu(window, QPoint(), QPointF()).actions()]
    assert "&Delete" in texts and "&Rename Step" in texts
    scene.clearSelection()
    scene.edges[("n1", "next", "n2")].setSelected(True)
    assert [a.text() for a in build_canvas_menu(window, QPoint(), QPointF()).actions()] == ["Delete Wire"]
    scene.clearSelection()
    texts = [a.text() for a in build_canvas_menu(window, QPoint(), QPointF()).actions()]
    assert "Add Step Here…" in texts and "Sticky Note Here" in texts and "&Paste" in texts


def test_a_value_the_model_refuses_is_reported_not_pushed(window):
    count = window.stack.count()
    window.editor.rename_node("welcome", "n2", "x" * 500)  # titles are at most 120 characters
    assert window.stack.count() == count
    assert "title" in window.status.currentMessage()
    assert window.document.node("welcome", "n2").title == "Welcome email"
