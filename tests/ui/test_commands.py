"""Undo round-trips: each command's undo restores the model exactly, and redo repeats it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from designer.blueprint import Edge, QueueEntry
from designer.canvas import commands as c
from designer.document import ConnectionRefused, Document
from designer.examples import example_blueprint
from designer.fileformat import dumps

from ..builders import node


@pytest.fixture
def setup(qapp):
    doc = Document(example_blueprint())
    return doc, QUndoStack()


def roundtrip(doc, stack, command):
    before = dumps(doc.blueprint)
    stack.push(command)
    after = dumps(doc.blueprint)
    assert after != before
    stack.undo()
    assert dumps(doc.blueprint) == before
    stack.redo()
    assert dumps(doc.blueprint) == after


def test_every_command_round_trips(setup):
    doc, stack = setup
    roundtrip(doc, stack, c.AddNodes(doc, "welcome", [node("x1", "send.push")], [Edge(source="x1", source_port="next", target="n8")]))
    roundtrip(doc, stack, c.RemoveNodes(doc, "welcome", ["n4", "n7"]))
    roundtrip(doc, stack, c.MoveNodes(doc, "welcome", {"n1": (0.0, 0.0)}, {"n1": (40.0, 80.0)}))
    roundtrip(doc, stack, c.Disconnect(doc, "welcome", "n1", "next"))
    roundtrip(doc, stack, c.Connect(doc, "welcome", Edge(source="n1", source_port="next", target="n2")))
    roundtrip(doc, stack, c.SetNodeSettings(doc, "welcome", "n2", {"subject": "Hello"}))
    roundtrip(doc, stack, c.RenameNode(doc, "welcome", "n2", "Hello email"))
    roundtrip(doc, stack, c.SetWorkflowField(doc, "welcome", "queue", QueueEntry(category="experiment")))


def test_menu_names_the_action(setup):
    doc, stack = setup
    stack.push(c.MoveNodes(doc, "welcome", {"n1": (0, 0), "n2": (1, 1)}, {"n1": (5, 5), "n2": (6, 6)}))
    assert stack.undoText() == "Move 2 nodes"
    stack.push(c.RemoveNodes(doc, "welcome", ["n3"]))
    assert stack.undoText() == "Delete node"


def test_nudges_merge(setup):
    doc, stack = setup
    stack.push(c.MoveNodes(doc, "welcome", {"n1": (0, 0)}, {"n1": (1, 0)}, nudge=True))
    stack.push(c.MoveNodes(doc, "welcome", {"n1": (1, 0)}, {"n1": (2, 0)}, nudge=True))
    assert stack.count() == 1
    stack.undo()
    assert doc.node("welcome", "n1").position.x == 0


def test_refused_connection_is_not_pushed(setup):
    doc, stack = setup
    with pytest.raises(ConnectionRefused):
        stack.push(c.Connect(doc, "welcome", Edge(source="n2", source_port="next", target="n1")))
    assert stack.count() == 0
