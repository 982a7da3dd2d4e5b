"""The Build queue view: ranked table, in-place edits through undo, drag to pin, filters."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QDateEdit, QSpinBox

from designer.app.build_queue.model import WORKFLOW_ROLE, Column
from designer.app.build_queue.view import BuildQueueView
from designer.canvas.commands import AddWorkflow, SetWorkflowField
from designer.canvas.editor import Editor
from designer.document import Document
from designer.examples import welcome_workflow
from designer.fileformat import dumps

from ..queue_fixtures import EXPECTED_ORDER, programme


@pytest.fixture
def view(qtbot):
    doc = Document(programme())
    v = BuildQueueView(doc, Editor(doc))
    qtbot.addWidget(v)
    v.resize(1500, 800)
    v.show()
    return v


def shown(v) -> list[str]:
    return [v.proxy.index(row, 0).data(WORKFLOW_ROLE) for row in range(v.proxy.rowCount())]


def cell(v, wf_id: str, column: Column):
    return v.proxy.index(shown(v).index(wf_id), column)


def queue(v, wf_id: str):
    return v.model.document.workflow(wf_id).queue


def edit_with_delegate(v, index, set_value):
    """What a user does: the delegate's editor opens on the cell, the user picks, the editor commits."""
    delegate = v.table.itemDelegate()
    editor = delegate.createEditor(v.table.viewport(), None, index)
    delegate.setEditorData(editor, index)
    set_value(editor)
    delegate.setModelData(editor, v.proxy, index)
    editor.deleteLater()
    return editor


def test_every_workflow_in_rank_order_with_its_reason(view):
    assert shown(view) == EXPECTED_ORDER
    assert cell(view, "subject", Column.RANK).data() == "1"
    assert cell(view, "welcome", Column.RANK).data() == "–"  # live: out of the queue
    assert cell(view, "second", Column.REASON).data() == "(4 + 5) × 3 ÷ 2 = 13.5"
    assert cell(view, "second", Column.REASON).data(Qt.ItemDataRole.ToolTipRole) == (
        "value 4 + impact 5, confidence 3, effort 2 → score 13.5")
    assert cell(view, "subject", Column.EXPERIMENT).data() == "3,841 / variant · 9.5 wk"
    assert cell(view, "nurture", Column.TARGET).data() == "2025-09-30"
    assert "11 in the queue: 8 new, 1 improve, 2 experiments" in view.summary.text()


def test_a_table_edit_changes_the_model_and_undo_restores_it(view):
    doc, stack = view.model.document, view.editor.stack
    before = dumps(doc.blueprint)
    edit_with_delegate(view, cell(view, "tradeshow", Column.EFFORT), lambda spin: spin.setValue(1))
    assert queue(view, "tradeshow").effort == 1 and stack.count() == 1
    assert stack.undoText() == "Set effort of “Trade-show journey”"
    assert cell(view, "tradeshow", Column.SCORE).data() == "10"
    assert shown(view).index("tradeshow") == 6 and cell(view, "tradeshow", Column.RANK).data() == "7"
    stack.undo()
    assert dumps(doc.blueprint) == before and shown(view) == EXPECTED_ORDER
    stack.redo()
    assert queue(view, "tradeshow").effort == 1


def test_combo_edits_category_and_status(view):
    stack = view.editor.stack
    edit_with_delegate(view, cell(view, "leads", Column.CATEGORY),
                       lambda combo: combo.setCurrentIndex(combo.findData("experiment")))
    assert queue(view, "leads").category == "experiment"
    assert queue(view, "leads").experiment is not None  # an experiment gets a plan to fill in
    assert cell(view, "leads", Column.EXPERIMENT).data() == "3,841 / variant"
    edit_with_delegate(view, cell(view, "leads", Column.STATUS), lambda combo: combo.setCurrentIndex(combo.findData("live")))
    assert cell(view, "leads", Column.RANK).data() == "–" and shown(view)[-2] == "leads"
    stack.undo()
    stack.undo()
    assert queue(view, "leads").category == "new" and queue(view, "leads").experiment is None


def test_editors_are_the_right_kind(view):
    delegate = view.table.itemDelegate()
    kinds = {Column.CATEGORY: QComboBox, Column.STATUS: QComboBox, Column.VALUE: QSpinBox,
             Column.CONFIDENCE: QSpinBox, Column.TARGET: QDateEdit}
    for column, kind in kinds.items():
        editor = delegate.createEditor(view.table.viewport(), None, cell(view, "nurture", column))
        assert isinstance(editor, kind)
        if isinstance(editor, QSpinBox):
            assert (editor.minimum(), editor.maximum()) == (1, 5)
        editor.deleteLater()
    assert not (view.proxy.flags(cell(view, "nurture", Column.SCORE)) & Qt.ItemFlag.ItemIsEditable)
    assert not (view.proxy.flags(cell(view, "nurture", Column.RANK)) & Qt.ItemFlag.ItemIsEditable)


def test_date_editor_sets_and_clears_the_target_date(view):
    edit_with_delegate(view, cell(view, "leads", Column.TARGET), lambda e: e.setDate(QDate(2026, 3, 31)))
    assert queue(view, "leads").target_date == date(2026, 3, 31)
    edit_with_delegate(view, cell(view, "leads", Column.TARGET), lambda e: e.setDate(e.minimumDate()))
    assert queue(view, "leads").target_date is None
    view.editor.stack.undo()
    assert queue(view, "leads").target_date == date(2026, 3, 31)


def test_out_of_range_values_are_refused_without_a_command(view):
    assert not view.proxy.setData(cell(view, "leads", Column.VALUE), 9)
    assert view.editor.stack.count() == 0 and queue(view, "leads").value_now == 3


def test_drag_to_reorder_pins_and_undo_unpins_in_one_step(view):
    doc, stack = view.model.document, view.editor.stack
    before = dumps(doc.blueprint)
    data = view.proxy.mimeData([cell(view, "tradeshow", Column.NAME)])
    # drop above the first row: what the view does when the row is released there
    assert view.proxy.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert shown(view)[0] == "tradeshow" and queue(view, "tradeshow").pinned_rank == 1
    assert shown(view)[1:11] == [i for i in EXPECTED_ORDER[:11] if i != "tradeshow"]
    assert stack.count() == 1 and stack.undoText() == "Move “Trade-show journey” to #1 in the build queue"
    assert "Pinned at #1" in cell(view, "tradeshow", Column.REASON).data()
    assert "1 pinned" in view.summary.text() and view.clear_pins.isEnabled()
    stack.undo()
    assert dumps(doc.blueprint) == before and shown(view) == EXPECTED_ORDER
    stack.redo()
    assert shown(view)[0] == "tradeshow"


def test_drag_down_and_below_the_queue(view):
    data = view.proxy.mimeData([cell(view, "subject", Column.NAME)])
    # drop above "second" (#4): subject lands at #3, just above it
    assert view.proxy.dropMimeData(data, Qt.DropAction.MoveAction, shown(view).index("second"), 0, QModelIndex())
    assert shown(view)[:4] == ["webinar", "winback", "subject", "second"]
    data = view.proxy.mimeData([cell(view, "webinar", Column.NAME)])
    assert view.proxy.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())  # past the last row
    assert shown(view)[10] == "webinar" and shown(view)[11:] == ["welcome", "newsletter"]
    assert view.clear_manual_order() and not any(queue(view, w).pinned_rank for w in EXPECTED_ORDER)
    assert shown(view) == EXPECTED_ORDER
    view.editor.stack.undo()
    assert shown(view)[10] == "webinar"


def test_live_rows_cannot_be_dragged_and_drag_needs_the_rank_order(view):
    assert not (view.proxy.flags(cell(view, "welcome", Column.NAME)) & Qt.ItemFlag.ItemIsDragEnabled)
    assert view.proxy.flags(cell(view, "leads", Column.NAME)) & Qt.ItemFlag.ItemIsDragEnabled
    assert view.table.dragEnabled()
    view.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
    assert not view.table.dragEnabled()
    assert shown(view)[:2] == ["churn", "launch"]  # sortable: by name, "Churn-risk recall" first
    view.table.sortByColumn(Column.RANK, Qt.SortOrder.AscendingOrder)
    assert view.table.dragEnabled() and shown(view) == EXPECTED_ORDER


def test_keyboard_move_up(view):
    view.select_workflow("leads")
    assert view.move_selected(-1)
    assert shown(view)[7:9] == ["leads", "launch"]


def test_filters(view):
    view.category.setCurrentIndex(view.category.findData("experiment"))
    assert shown(view) == ["subject", "webinar"]
    view.category.setCurrentIndex(0)
    view.status.setCurrentIndex(view.status.findData("queued"))
    assert len(shown(view)) == 11 and "welcome" not in shown(view)
    view.status.setCurrentIndex(view.status.findData("live"))
    assert shown(view) == ["welcome"]
    view.status.setCurrentIndex(0)
    view.search.setText("nurture")
    assert shown(view) == ["nurture", "leads"]
    view.search.setText("six weeks")  # notes count
    assert shown(view) == ["nurture"]
    view.search.setText("ANA")  # owner, any case
    assert shown(view) == ["winback"]


def test_follows_document_changes_made_elsewhere(view):
    doc, stack = view.model.document, view.editor.stack
    entry = doc.workflow("tradeshow").queue.model_copy(update={"status": "retired"})
    stack.push(SetWorkflowField(doc, "tradeshow", "queue", entry))
    assert shown(view)[-1] == "tradeshow" and cell(view, "tradeshow", Column.RANK).data() == "–"
    stack.push(AddWorkflow(doc, welcome_workflow("fresh")))
    assert "fresh" in shown(view) and cell(view, "fresh", Column.CATEGORY).data() == "New"
    assert cell(view, "fresh", Column.STATUS).data() == "Idea"
    stack.undo()
    assert "fresh" not in shown(view)


def test_double_click_on_a_name_opens_the_workflow(view, qtbot):
    index = cell(view, "nurture", Column.NAME)
    view.table.scrollTo(index)
    pos = view.table.visualRect(index).center()
    with qtbot.waitSignal(view.workflowActivated, timeout=1000) as blocker:
        QTest.mousePress(view.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)  # a double click is press,
        QTest.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)  # then double-click
    assert blocker.args == ["nurture"]


def test_details_show_the_sample_size_and_edit_the_plan(view):
    view.select_workflow("subject")
    d = view.details
    assert d.experiment.isVisibleTo(view)
    assert "3,841" in d.result.text() and "9.5 weeks" in d.result.text() and "your estimate" in d.result.text()
    d.weekly.setValue(1800)  # a step in the spin box commits
    assert view.model.document.workflow("subject").queue.experiment.weekly_entries == 1800
    assert "4.7 weeks" in d.result.text()
    d.mde.setValue(1.0)
    assert queue(view, "subject").experiment.minimum_detectable_effect == pytest.approx(0.01)
    assert "14,751" in d.result.text()  # 10% -> 11%
    view.editor.stack.undo()
    view.editor.stack.undo()
    assert queue(view, "subject").experiment.weekly_entries == 900 and d.weekly.value() == 900
    view.set_weekly_entries({"subject": 450})
    assert "from the dry-run" in d.result.text() and "19.0 weeks" in d.result.text()
    view.select_workflow("nurture")
    assert not d.experiment.isVisibleTo(view) and "six weeks" in d.notes.toPlainText()


def test_notes_commit_when_leaving_the_field(view):
    view.select_workflow("leads")
    d = view.details
    d.notes.setFocus()
    d.notes.setPlainText("Score webinar attendance higher.")
    d.notes.editingFinished.emit()
    assert queue(view, "leads").notes == "Score webinar attendance higher."
    assert view.editor.stack.undoText() == "Edit notes of “Lead scoring nurture”"


def test_a_closed_view_stops_listening_to_the_document(qtbot):
    import shiboken6

    doc = Document(programme())
    editor = Editor(doc)
    v = BuildQueueView(doc, editor)
    shiboken6.delete(v)
    entry = doc.workflow("leads").queue.model_copy(update={"value_now": 5})
    editor.apply(SetWorkflowField(doc, "leads", "queue", entry))  # no call into a deleted model
    assert doc.workflow("leads").queue.value_now == 5
