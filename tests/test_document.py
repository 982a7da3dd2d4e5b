"""The editing model: every change goes through a method and is announced;
removals return what undo needs to put things back exactly."""

from __future__ import annotations

import pytest

from designer.blueprint import Edge, StickyNote
from designer.document import Change, ConnectionRefused, Document
from designer.fileformat import dumps

from .builders import node


@pytest.fixture
def doc(example):
    d = Document(example)
    d.changes = []
    d.subscribe(d.changes.append)
    return d


def test_remove_and_restore_nodes_exactly(doc):
    before = dumps(doc.blueprint)
    nodes, edges = doc.remove_nodes("welcome", ["n4"])
    assert [n.id for _, n in nodes] == ["n4"]
    assert {(e.source, e.target) for _, e in edges} == {("n3", "n4"), ("n4", "n5"), ("n4", "n6")}
    assert doc.workflow("welcome").node("n4") is None
    doc.add_nodes("welcome", [n for _, n in nodes], [e for _, e in edges],
                  [i for i, _ in nodes], [i for i, _ in edges])
    assert dumps(doc.blueprint) == before
    assert [c.what for c in doc.changes] == ["nodes-removed", "nodes-added"]
    assert doc.changes[0].node_ids == ("n4",)


def test_connect_refuses_with_reason(doc):
    with pytest.raises(ConnectionRefused) as err:
        doc.connect("welcome", Edge(source="n2", source_port="next", target="n1"))
    assert err.value.refusal.code == "trigger-has-input"
    with pytest.raises(ConnectionRefused) as err:
        doc.connect("welcome", Edge(source="n2", source_port="next", target="n4"))
    assert err.value.refusal.code == "port-in-use"
    assert "already connected" in str(err.value)
    with pytest.raises(ConnectionRefused):
        doc.connect("welcome", Edge(source="n8", source_port="next", target="n9"))  # a goal has no output
    assert doc.changes == []


def test_connect_disconnect_round_trip(doc):
    index, edge = doc.disconnect("welcome", "n4", "no")
    assert doc.can_connect("welcome", "n4", "no", "n6") is None
    doc.connect("welcome", edge, index)
    assert doc.workflow("welcome").edges[index] == edge
    assert [c.what for c in doc.changes] == ["edges-removed", "edges-added"]


def test_settings_kept_when_invalid_and_canonical_when_valid(doc):
    old = doc.set_node_settings("welcome", "n3", {"amount": -5})
    assert doc.node("welcome", "n3").settings == {"amount": -5}
    doc.set_node_settings("welcome", "n3", {"amount": 3})
    assert doc.node("welcome", "n3").settings == {"amount": 3.0, "unit": "days"}
    doc.set_node_settings("welcome", "n3", old)
    assert doc.node("welcome", "n3").settings == {"amount": 2.0, "unit": "days"}


def test_move_returns_old_positions_and_marks_modified(doc):
    assert not doc.modified
    old = doc.move_nodes("welcome", {"n1": (10, 20)})
    assert old == {"n1": (0.0, 0.0)}
    assert doc.node("welcome", "n1").position.x == 10
    assert doc.modified
    doc.mark_saved()
    assert not doc.modified


def test_workflows_add_move_remove(doc, example):
    from designer.examples import welcome_workflow

    doc.add_workflow(welcome_workflow("second"))
    with pytest.raises(ValueError):
        doc.add_workflow(welcome_workflow("second"))
    assert doc.move_workflow("second", 0) == 1
    assert [w.id for w in doc.blueprint.workflows] == ["second", "welcome"]
    wf, index = doc.remove_workflow("second")
    assert index == 0 and wf.id == "second"
    assert all(isinstance(c, Change) for c in doc.changes)


def test_duplicate_node_id_refused(doc):
    with pytest.raises(ValueError):
        doc.add_nodes("welcome", [node("n1", "exit")])


def test_notes(doc):
    doc.add_note("welcome", StickyNote(id="note1", text="Check with legal"))
    old = doc.update_note("welcome", "note1", text="Approved")
    assert old == {"text": "Check with legal"}
    index, note = doc.remove_note("welcome", "note1")
    assert index == 0 and note.text == "Approved"
