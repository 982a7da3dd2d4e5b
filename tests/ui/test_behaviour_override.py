"""A step's dry-run behaviour override, edited in the inspector (undoable) and marked on its card."""

from __future__ import annotations

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from designer.fileformat import dumps


def test_set_an_open_rate_and_an_event_effect_then_undo(window, tmp_path):
    before = dumps(window.document.blueprint)
    inspector = window.panels.inspector
    window.view.scene().select_only(["n2"])  # the welcome email
    section = inspector.behaviour
    assert section.isVisibleTo(inspector) and section.rates.isVisibleTo(inspector)
    section.open_rate.setValue(40.0)
    section.open_rate.editingFinished.emit()
    node = window.document.node("welcome", "n2")
    assert node.behaviour == {"open_rate": 0.4}
    assert window.actions.undo.text().startswith("Undo Change behaviour of")
    card = window.view.scene().nodes["n2"]
    assert card.look.behaviour and "\u0394" in card.toolTip()
    section.add.click()
    row = section.rows[-1]
    assert row.isVisibleTo(inspector)
    row.event.setText("purchased")
    row.multiply.setValue(1.2)
    row.multiply.editingFinished.emit()
    assert window.document.node("welcome", "n2").behaviour == {"open_rate": 0.4, "events": {"purchased": {"multiply": 1.2}}}
    window.view.grab().save(str(tmp_path / "canvas.png"))
    inspector.scroll.ensureWidgetVisible(section.add)
    inspector.grab().save(str(tmp_path / "inspector.png"))
    window.stack.undo()
    window.stack.undo()
    assert dumps(window.document.blueprint) == before
    assert not window.view.scene().nodes["n2"].look.behaviour
    assert section.open_rate.value() < 0  # the inspector follows the undo: "from the model"


def test_a_wait_step_shows_no_rates_and_a_bad_override_is_a_problem(window):
    inspector = window.panels.inspector
    window.view.scene().select_only(["n3"])
    section = inspector.behaviour
    assert section.isVisibleTo(inspector) and not section.rates.isVisibleTo(inspector)
    window.editor.set_node_behaviour("welcome", "n3", {"events": {"purchased": {"multiply": -2}}})
    QTest.qWait(50)
    window.validate_now() if hasattr(window, "validate_now") else None
    QApplication.processEvents()
    from designer.validation import validate

    assert any(p.code == "invalid-behaviour" for p in validate(window.document.blueprint))
    window.view.scene().select_only([])
    assert not section.isVisibleTo(inspector)  # the workflow page has no behaviour section
