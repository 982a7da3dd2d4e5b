"""The Blueprint overview: every workflow under its stage, one screen, PNG/SVG export."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QUndoStack
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtTest import QTest

from designer.app.build_queue.overview import BlueprintOverview
from designer.canvas.commands import AddWorkflow, SetWorkflowField
from designer.document import Document
from designer.examples import welcome_workflow

from ..queue_fixtures import ROWS, programme


@pytest.fixture
def overview(qtbot):
    v = BlueprintOverview(Document(programme()))
    qtbot.addWidget(v)
    v.resize(1400, 800)
    v.show()
    qtbot.waitExposed(v)
    return v


def test_every_workflow_sits_under_the_stage_it_moves_contacts_from(overview):
    placement = overview.placement()
    assert placement == {wf_id: src for wf_id, _, src, *_ in ROWS}
    for wf_id, stage in placement.items():
        column, card = overview.column_rect(stage), overview.card_rect(wf_id)
        assert column.contains(card), wf_id
    # the unassigned column comes first, then the lifecycle in order
    assert overview.columns() == [None, "stranger", "prospect", "customer", "repeat_customer", "promoter"]


def test_cards_in_a_column_follow_the_queue_order(overview):
    tops = {w: overview.card_rect(w).top() for w in ("webinar", "leads", "tradeshow")}  # ranks 2, 9, 11
    assert tops["webinar"] < tops["leads"] < tops["tradeshow"]


def test_unknown_stages_are_unassigned_and_the_column_goes_when_empty(qtbot):
    bp = programme()
    bp.workflow("churn").from_stage = "no_such_stage"
    bp.workflows = [w for w in bp.workflows if w.id != "launch"]
    v = BlueprintOverview(Document(bp))
    qtbot.addWidget(v)
    assert v.placement()["churn"] is None
    bp.workflow("churn").from_stage = "customer"
    v.rebuild()
    assert None not in v.columns() and v.columns()[0] == "stranger"


def test_follows_the_document_and_undo(overview):
    doc, stack = overview.document, QUndoStack()
    stack.push(SetWorkflowField(doc, "launch", "from_stage", "promoter"))
    assert overview.placement()["launch"] == "promoter" and None not in overview.columns()
    stack.undo()
    assert overview.placement()["launch"] is None
    stack.push(AddWorkflow(doc, welcome_workflow("fresh")))
    assert overview.placement()["fresh"] == "prospect"


def test_the_whole_programme_fits_on_one_screen(overview):
    viewport = overview.viewport().rect()
    for wf_id in overview.placement():
        shown = overview.mapFromScene(overview.card_rect(wf_id)).boundingRect()
        assert viewport.contains(shown), wf_id
    assert overview.transform().m11() >= 0.75  # and legible


def test_a_crowded_stage_stacks_its_cards_side_by_side(qtbot):
    bp = programme()
    for i in range(9):
        wf = welcome_workflow(f"extra{i}")
        wf.from_stage = "customer"
        bp.workflows.append(wf)
    v = BlueprintOverview(Document(bp))
    qtbot.addWidget(v)
    cards = [v.card_rect(w) for w, stage in v.placement().items() if stage == "customer"]
    assert len(cards) == 12 and len({round(c.left()) for c in cards}) == 2
    assert all(v.column_rect("customer").contains(c) for c in cards)


def test_double_click_opens_the_workflow(overview, qtbot):
    point = overview.mapFromScene(overview.card_rect("second").center())
    with qtbot.waitSignal(overview.workflowActivated, timeout=1000) as blocker:
        QTest.mouseDClick(overview.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == ["second"]


def test_export_png(overview, tmp_path):
    path = tmp_path / "overview.png"
    overview.export_png(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(path))
    rect = overview.scene().sceneRect()
    assert not image.isNull() and image.width() == pytest.approx(rect.width() * 2, abs=1)
    assert image.pixelColor(5, 5).name() == "#f6f7fb"  # the background, not transparent black


def test_export_svg(overview, tmp_path):
    path = tmp_path / "overview.svg"
    overview.export_svg(path)
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert QSvgRenderer(str(path)).isValid()
    text = path.read_text(encoding="utf-8")
    assert "Acme Coffee lifecycle programme" in text and "Second purchase" in text


def test_a_closed_overview_stops_listening_to_the_document(qtbot):
    import shiboken6

    doc, stack = Document(programme()), QUndoStack()
    v = BlueprintOverview(doc)
    shiboken6.delete(v)
    stack.push(SetWorkflowField(doc, "launch", "from_stage", "promoter"))
    assert doc.workflow("launch").from_stage == "promoter"
