"""The clipboard payload: JSON that survives the trip, refuses strangers, renames ids."""

from __future__ import annotations

from designer.canvas import clipboard
from designer.examples import welcome_workflow


def test_round_trip_through_the_system_clipboard(qapp):
    wf = welcome_workflow()
    clip = clipboard.take(wf, ["n4", "n5", "n6"])
    assert len(clip.edges) == 2
    clipboard.put(clip)
    back = clipboard.get()
    assert [n.id for n in back.nodes] == ["n4", "n5", "n6"]
    assert clipboard.to_json(back) == clipboard.to_json(clip)
    from PySide6.QtGui import QGuiApplication

    assert '"journey-designer-clip"' in QGuiApplication.clipboard().text()  # readable by another program


def test_other_text_is_not_a_clip(qapp):
    assert clipboard.from_json("hello") is None
    assert clipboard.from_json('{"format": "something"}') is None
    assert clipboard.from_json('{"format": "journey-designer-clip", "version": 1, "nodes": [{"id": "bad id!"}]}') is None


def test_fresh_ids_and_rewired_edges():
    wf = welcome_workflow()
    clip = clipboard.take(wf, ["n4", "n5", "n6"])
    fresh = clipboard.fresh_copy(clip, wf, (0.0, 1000.0))
    ids = [n.id for n in fresh.nodes]
    assert set(ids).isdisjoint(n.id for n in wf.nodes)
    assert {(e.source, e.target) for e in fresh.edges} == {(ids[0], ids[1]), (ids[0], ids[2])}
    assert fresh.origin() == (0.0, 1000.0)
    assert clip.nodes[0].id == "n4"  # the clip itself is untouched
