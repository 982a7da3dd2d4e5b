"""The issue's 'done when': a classic journey built from an empty canvas with the
mouse alone (palette drops and wire drags), saved, reopened and exported."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from designer.fileformat import dumps, load

from .conftest import card_centre, drag, port_point
from .test_window_editing import drop_kind

STEPS = [  # kind, where (scene x, y of the card centre)
    ("trigger.event", (0, 0)),
    ("send.email", (300, 0)),
    ("wait.delay", (600, 0)),
    ("branch.condition", (900, 0)),
    ("send.email", (1200, -140)),
    ("send.sms", (1200, 140)),
    ("goal", (1500, 0)),
]
WIRES = [(0, "next", 1), (1, "next", 2), (2, "next", 3), (3, "yes", 4), (3, "no", 5), (4, "next", 6), (5, "next", 6)]


def test_build_a_classic_journey_with_the_mouse_save_reopen_and_export(window, make_window, tmp_path, monkeypatch):
    window.actions.new.trigger()
    wf_id = window.current_workflow_id()
    view = window.view
    view.reset_zoom()
    view.centerOn(QPointF(750, 0))
    view.set_zoom(0.6)
    ids = []
    for kind, (x, y) in STEPS:
        before = {n.id for n in window.document.workflow(wf_id).nodes}
        drop_kind(window, kind, view.mapFromScene(QPointF(x, y)))
        (new,) = {n.id for n in window.document.workflow(wf_id).nodes} - before
        ids.append(new)
    for source, port, target in WIRES:
        drag(view, port_point(window, ids[source], port), card_centre(window, ids[target]))
    wf = window.document.workflow(wf_id)
    assert {(e.source, e.source_port, e.target) for e in wf.edges} == {(ids[s], p, ids[t]) for s, p, t in WIRES}
    window.validation.run_now()
    assert [p for p in window.validation.problems if p.severity == "error"] == []

    saved, png = tmp_path / "classic.json", tmp_path / "classic.png"
    answers = iter([saved, png])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(next(answers)), "")))
    window.actions.save.trigger()
    window.actions.export_png.trigger()
    assert QImage(str(png)).width() > 1000

    again = make_window()
    assert again.files.open_path(saved)
    assert dumps(again.document.blueprint) == dumps(window.document.blueprint) == saved.read_text(encoding="utf-8")
    assert [n.kind for n in load(saved).workflows[0].nodes] == [kind for kind, _ in STEPS]
    assert len(again.view.scene().edges) == len(WIRES)
