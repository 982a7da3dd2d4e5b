"""The Problems panel: every problem, errors first, with counts; activation names the steps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from designer.app.panels.problems import COL_CODE, COL_MESSAGE, COL_STEPS, COL_WORKFLOW, ProblemsPanel
from designer.blueprint import Edge, Node
from designer.examples import example_blueprint
from designer.validation import validate


@pytest.fixture
def broken():
    bp = example_blueprint()
    wf = bp.workflows[0]
    wf.nodes.append(Node(id="n10", kind="send.sms", title="Orphan SMS"))  # unreachable, dangling output
    wf.edges.append(Edge(source="n9", source_port="next", target="n2"))  # an exit has no output
    return bp, validate(bp)


@pytest.fixture
def panel(qtbot):
    widget = ProblemsPanel()
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.show()
    return widget


def test_lists_every_problem_errors_first_with_a_count(panel, broken):
    bp, problems = broken
    # the validator reports in document order: put a warning first to prove the sort
    problems = sorted(problems, key=lambda p: p.severity != "warning")
    assert problems[0].severity == "warning"
    panel.set_problems(bp, problems)
    shown = panel.problems()
    assert len(shown) == len(problems) == panel.tree.topLevelItemCount()
    severities = [p.severity for p in shown]
    assert severities == sorted(severities, key=lambda s: s != "error")
    n_errors = severities.count("error")
    assert panel.errors.text() == (f"{n_errors} errors" if n_errors != 1 else "1 error")
    assert panel.warnings.text() == "1 warning"


def test_columns_show_code_workflow_and_step_titles(panel, broken):
    bp, problems = broken
    panel.set_problems(bp, problems)
    rows = {panel.item_for(i).text(COL_CODE): panel.item_for(i) for i in range(panel.tree.topLevelItemCount())}
    unreachable = rows["unreachable"]
    assert unreachable.text(COL_STEPS) == "Orphan SMS"  # titles, not ids
    assert unreachable.text(COL_WORKFLOW) == "Welcome journey"
    assert "cannot be reached" in unreachable.text(COL_MESSAGE)
    assert not unreachable.icon(COL_MESSAGE).isNull()
    assert rows["dead-edge"].text(COL_STEPS) == "No purchase yet, Welcome email"


def test_double_click_and_enter_emit_the_workflow_and_steps(panel, broken, qtbot):
    bp, problems = broken
    panel.set_problems(bp, problems)
    row = next(i for i, p in enumerate(panel.problems()) if p.code == "dead-edge")
    item = panel.item_for(row)
    rect = panel.tree.visualItemRect(item)
    viewport = panel.tree.viewport()
    with qtbot.waitSignal(panel.problemActivated) as blocker:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["welcome", ["n9", "n2"]]

    row = next(i for i, p in enumerate(panel.problems()) if p.code == "unreachable")
    panel.tree.setCurrentItem(panel.item_for(row))
    with qtbot.waitSignal(panel.problemActivated) as blocker:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert blocker.args == ["welcome", ["n10"]]


def test_filter_chips_and_empty_state(panel, broken):
    bp, problems = broken
    panel.set_problems(bp, problems)
    panel.warnings.click()  # hide warnings
    assert all(p.severity == "error" for p in panel.visible_rows())
    assert len(panel.visible_rows()) == len(problems) - 1
    panel.warnings.click()
    assert len(panel.visible_rows()) == len(problems)
    panel.set_problems(bp, [])
    assert panel.empty.isVisible() and not panel.tree.isVisible()
    assert panel.errors.text() == "0 errors"


def test_selection_survives_a_refresh(panel, broken):
    bp, problems = broken
    panel.set_problems(bp, problems)
    row = next(i for i, p in enumerate(panel.problems()) if p.code == "unreachable")
    panel.tree.setCurrentItem(panel.item_for(row))
    panel.set_problems(bp, list(reversed(problems)))  # live validation re-runs as the user edits
    current = panel.tree.currentItem()
    assert current is not None and current.text(COL_CODE) == "unreachable"
